using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Pix (Brazil): the payer pays a QR code from a bank app, later and outside our flow. The request
/// carries nothing, so nothing is kept and nothing identifies the payer for the instrument limits
/// (the user's own limits still apply).
/// </summary>
public sealed class PixPaymentMethod : PaymentMethodEntry<PixInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.Pix;
    public override string Name => "pix";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Pix;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Pix;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Pix = new V1.PixMethod() };

    protected override PixInstrument Read(V1.PaymentMethod method, IFieldViolations violations) => new();

    protected override RechargeInstrument Store(PixInstrument instrument) => new(Type);

    protected override PixInstrument Load(RechargeInstrument stored) => new();
}
