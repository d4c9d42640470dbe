using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Konbini (Japan): a voucher the payer pays in cash at a convenience store, days later. The gateway
/// needs the payer's name and e-mail address, so both are kept to ask for the same charge again;
/// the instrument limits know the payer by a digest of the address, never the address itself.
/// </summary>
public sealed class KonbiniPaymentMethod : PaymentMethodEntry<KonbiniInstrument>
{
    private const int MaxNameLength = 200;
    private const string NameField = "payer_name";
    private const string EmailField = "payer_email";

    public override PaymentMethodType Type => PaymentMethodType.Konbini;
    public override string Name => "konbini";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Konbini;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Konbini;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Konbini = new V1.KonbiniMethod { PayerName = "山田 花子", PayerEmail = "hanako@example.jp" } };

    protected override KonbiniInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        var konbini = method.Konbini;
        var name = NameOk(konbini.PayerName, violations);
        var email = PayerEmail.IsValid(FieldPath(EmailField), konbini.PayerEmail, violations);
        return name && email ? new KonbiniInstrument(konbini.PayerName, konbini.PayerEmail) : null;
    }

    protected override RechargeInstrument Store(KonbiniInstrument instrument) => new(Type)
    {
        Fields = new Dictionary<string, string> { [NameField] = instrument.PayerName, [EmailField] = instrument.PayerEmail },
    };

    protected override KonbiniInstrument Load(RechargeInstrument stored) => new(stored.Fields![NameField], stored.Fields[EmailField]);

    protected override string? Fingerprint(string userId, KonbiniInstrument instrument) =>
        "konbini:" + PayerEmail.Digest(instrument.PayerEmail);

    /// <summary>A name as the payer writes it (kanji and kana included): present, not too long, no control characters.</summary>
    private bool NameOk(string name, IFieldViolations violations)
    {
        if (name.Trim().Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            violations.Add(FieldPath(NameField), $"is required: the payer's name, 1-{MaxNameLength} characters without control characters");
            return false;
        }

        return true;
    }
}
