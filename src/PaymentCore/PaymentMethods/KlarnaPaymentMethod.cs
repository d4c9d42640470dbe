using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Klarna: the payer is redirected to Klarna and comes back to return_url; Klarna needs their e-mail
/// address, kept (with the URL) to ask for the same charge again. The instrument limits know the
/// payer by a digest of the address, as for Konbini.
/// </summary>
public sealed class KlarnaPaymentMethod : PaymentMethodEntry<KlarnaInstrument>
{
    private const string EmailField = "payer_email";

    public override PaymentMethodType Type => PaymentMethodType.Klarna;
    public override string Name => "klarna";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Klarna;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Klarna;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Klarna = new V1.KlarnaMethod { ReturnUrl = "https://shop.example/klarna/back", PayerEmail = "erika@example.de" } };

    protected override KlarnaInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        var klarna = method.Klarna;
        var returnUrl = HttpsUrl(violations, FieldPath("return_url"), klarna.ReturnUrl);
        var email = PayerEmail.IsValid(FieldPath(EmailField), klarna.PayerEmail, violations);
        return returnUrl is not null && email ? new KlarnaInstrument(returnUrl, klarna.PayerEmail) : null;
    }

    protected override RechargeInstrument Store(KlarnaInstrument instrument) => new(Type, ReturnUrl: instrument.ReturnUrl)
    {
        Fields = new Dictionary<string, string> { [EmailField] = instrument.PayerEmail },
    };

    protected override KlarnaInstrument Load(RechargeInstrument stored) => new(stored.ReturnUrl!, stored.Fields![EmailField]);

    protected override string? Fingerprint(string userId, KlarnaInstrument instrument) => "klarna:" + PayerEmail.Digest(instrument.PayerEmail);
}
