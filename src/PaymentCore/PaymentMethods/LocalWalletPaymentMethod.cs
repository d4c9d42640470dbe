using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// A local wallet app the payer approves in, named by <c>local_wallet.wallet</c>: the wallets share
/// the local_wallet case and this class says what all of them take. The payer is known only once
/// they act, so there is no fingerprint.
/// </summary>
public abstract class LocalWalletPaymentMethod : PaymentMethodEntry<LocalWalletInstrument>
{
    public sealed override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.LocalWallet;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];

    public override V1.PaymentMethod Example => new()
    {
        LocalWallet = new V1.LocalWalletMethod { Wallet = Wallet, ReturnUrl = "https://shop.example/wallet/back" },
    };

    /// <summary>The value of <c>local_wallet.wallet</c> that names this wallet.</summary>
    protected abstract V1.LocalWallet Wallet { get; }

    /// <summary>Whether the payer's browser is sent to the wallet and back (return_url required) or pays elsewhere, e.g. by scanning a QR code.</summary>
    protected abstract bool RedirectsThePayer { get; }

    public sealed override bool Claims(V1.PaymentMethod method) => method.LocalWallet.Wallet == Wallet;

    public sealed override void RefuseUnclaimed(V1.PaymentMethod method, IFieldViolations violations, IReadOnlyList<PaymentMethodEntry> sameCase)
    {
        var wallets = sameCase.OfType<LocalWalletPaymentMethod>().Select(w => V1.LocalWalletMethod.Descriptor.FindFieldByNumber(V1.LocalWalletMethod.WalletFieldNumber).EnumType.FindValueByNumber((int)w.Wallet).Name).ToArray();
        violations.Add(FieldPath("wallet"), wallets.Length == 1 ? $"must be {wallets[0]}" : $"must be {string.Join(", ", wallets[..^1])} or {wallets[^1]}");
        ReturnUrl(method.LocalWallet, violations, required: false, out _);
    }

    protected sealed override LocalWalletInstrument? Read(V1.PaymentMethod method, IFieldViolations violations) =>
        ReturnUrl(method.LocalWallet, violations, required: RedirectsThePayer, out var returnUrl) ? new LocalWalletInstrument(Type, returnUrl) : null;

    protected sealed override RechargeInstrument Store(LocalWalletInstrument instrument) => new(Type, ReturnUrl: instrument.ReturnUrl);

    protected sealed override LocalWalletInstrument Load(RechargeInstrument stored) => new(Type, stored.ReturnUrl);

    /// <summary>Where the payer comes back to: checked when given or <paramref name="required"/>; false when it is wrong.</summary>
    private bool ReturnUrl(V1.LocalWalletMethod wallet, IFieldViolations violations, bool required, out Uri? returnUrl)
    {
        returnUrl = wallet.ReturnUrl.Length > 0 || required ? HttpsUrl(violations, FieldPath("return_url"), wallet.ReturnUrl) : null;
        return returnUrl is not null || (wallet.ReturnUrl.Length == 0 && !required);
    }
}
