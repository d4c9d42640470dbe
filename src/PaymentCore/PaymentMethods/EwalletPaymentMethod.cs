using PaymentCore.Adapters;
using PaymentCore.Adapters.Xendit;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// An Indonesian e-wallet through Xendit: DANA and ShopeePay by redirect (back to the request's return
/// URL), OVO by a push to the app of the payer's phone number. That number is personal data, as for
/// carrier billing: the recharge keeps it masked to its last two digits, the limits count it under a
/// keyed fingerprint, and a charge asked again from the stored recharge (the reconciler) finds the first
/// payment request by our reference instead of needing the number. A redirect wallet's payer is known
/// only once they approve, so it has no fingerprint.
/// </summary>
public sealed class EwalletPaymentMethod : PaymentMethodEntry<EwalletInstrument>
{
    private const string WalletField = "wallet";
    private const string PhoneNumberField = "phone_number";
    private const string ReturnUrlField = "return_url";

    // The same number is the same payer whichever method charges it (carrier billing counts it so too).
    private const string FingerprintPrefix = "phone:";

    /// <summary>The contract's wallets and the codes the gateways know them by.</summary>
    private static readonly IReadOnlyDictionary<V1.EwalletWallet, string> Wallets = new Dictionary<V1.EwalletWallet, string>
    {
        [V1.EwalletWallet.Ovo] = EwalletWallets.Ovo,
        [V1.EwalletWallet.Dana] = EwalletWallets.Dana,
        [V1.EwalletWallet.Shopeepay] = EwalletWallets.ShopeePay,
    };

    public override PaymentMethodType Type => PaymentMethodType.Ewallet;
    public override string Name => "ewallet";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Ewallet;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Ewallet;
    public override IReadOnlyList<string> Gateways { get; } = [XenditGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Ewallet = new V1.EwalletMethod { Wallet = V1.EwalletWallet.Ovo, PhoneNumber = "+6281234567890" } };
    public override bool InstrumentIsPersonalData => true;

    /// <summary>The contract's value of a wallet code a gateway answered with; unspecified for a wallet the contract does not name.</summary>
    public static V1.EwalletWallet ProtoWallet(string code) =>
        Wallets.FirstOrDefault(w => w.Value == code) is { Value: not null } known ? known.Key : V1.EwalletWallet.Unspecified;

    protected override EwalletInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        var ewallet = method.Ewallet;
        if (!Wallets.TryGetValue(ewallet.Wallet, out var wallet))
        {
            violations.Add(FieldPath(WalletField), "must be one of EWALLET_WALLET_OVO, EWALLET_WALLET_DANA, EWALLET_WALLET_SHOPEEPAY");
            return null;
        }

        if (wallet == EwalletWallets.Ovo)
        {
            var valid = PhoneNumbers.IsE164(ewallet.PhoneNumber);
            if (!valid)
            {
                // Never echoes the value: it is personal data.
                violations.Add(FieldPath(PhoneNumberField), "is required for OVO: the E.164 number of the payer's OVO account, e.g. +6281234567890");
            }

            if (ewallet.ReturnUrl.Length > 0)
            {
                violations.Add(FieldPath(ReturnUrlField), "must be empty for OVO: the payer approves in the OVO app, no page returns");
                valid = false;
            }

            return valid ? new EwalletInstrument(wallet, ewallet.PhoneNumber, ReturnUrl: null) : null;
        }

        var returnUrl = HttpsUrl(violations, FieldPath(ReturnUrlField), ewallet.ReturnUrl);
        if (ewallet.PhoneNumber.Length > 0)
        {
            violations.Add(FieldPath(PhoneNumberField), "must be empty except for OVO");
            return null;
        }

        return returnUrl is null ? null : new EwalletInstrument(wallet, PhoneNumber: null, returnUrl);
    }

    protected override RechargeInstrument Store(EwalletInstrument instrument) =>
        new(Type, instrument.PhoneNumber is { } number ? PhoneNumbers.Mask(number) : null, instrument.ReturnUrl)
        {
            Fields = new Dictionary<string, string> { [WalletField] = instrument.Wallet },
        };

    protected override EwalletInstrument Load(RechargeInstrument stored) => new(stored.Fields![WalletField], stored.Token, stored.ReturnUrl);

    /// <summary>OVO's number itself, keyed before it names a counter; a masked number (read back from a recharge) and a redirect wallet have none.</summary>
    protected override string? Fingerprint(string userId, EwalletInstrument instrument) =>
        instrument.HasDialableNumber ? FingerprintPrefix + instrument.PhoneNumber : null;
}
