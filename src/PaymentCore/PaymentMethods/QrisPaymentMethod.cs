using PaymentCore.Adapters;
using PaymentCore.Adapters.Xendit;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// QRIS, Indonesia's national QR standard, through Xendit: the request carries nothing (the payer
/// is whoever scans the code with their bank or e-wallet app), so there is nothing to store and no
/// fingerprint before they pay.
/// </summary>
public sealed class QrisPaymentMethod : PaymentMethodEntry<QrisInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.Qris;
    public override string Name => "qris";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Qris;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Qris;
    public override IReadOnlyList<string> Gateways { get; } = [XenditGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Qris = new V1.QrisMethod() };

    protected override QrisInstrument Read(V1.PaymentMethod method, IFieldViolations violations) => new();

    protected override RechargeInstrument Store(QrisInstrument instrument) => new(Type);

    protected override QrisInstrument Load(RechargeInstrument stored) => new();
}
