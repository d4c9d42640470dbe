using PaymentCore.Adapters;
using PaymentCore.Adapters.Tap;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// KNET, Kuwait's debit card network, through Tap: the payer enters their card on KNET's page and
/// comes back to the request's return URL; who paid is known only then, so there is no fingerprint.
/// </summary>
public sealed class KnetPaymentMethod : PaymentMethodEntry<KnetInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.Knet;
    public override string Name => "knet";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Knet;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Knet;
    public override IReadOnlyList<string> Gateways { get; } = [TapGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Knet = new V1.KnetMethod { ReturnUrl = "https://shop.example/knet/back" } };

    protected override KnetInstrument? Read(V1.PaymentMethod method, IFieldViolations violations) =>
        HttpsUrl(violations, FieldPath("return_url"), method.Knet.ReturnUrl) is { } returnUrl ? new KnetInstrument(returnUrl) : null;

    protected override RechargeInstrument Store(KnetInstrument instrument) => new(Type, ReturnUrl: instrument.ReturnUrl);

    protected override KnetInstrument Load(RechargeInstrument stored) => new(stored.ReturnUrl!);
}
