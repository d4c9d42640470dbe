using PaymentCore.Adapters;
using PaymentCore.Adapters.PayPal;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>PayPal: the payer approves on PayPal and comes back to one of two URLs; who paid is known only then.</summary>
public sealed class PayPalPaymentMethod : PaymentMethodEntry<PayPalInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.PayPal;
    public override string Name => "paypal";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Paypal;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Paypal;
    public override IReadOnlyList<string> Gateways { get; } = [PayPalGateway.GatewayName];
    public override bool CanBeSaved => true;

    public override V1.PaymentMethod Example => new()
    {
        Paypal = new V1.PayPalMethod { ReturnUrl = "https://shop.example/paypal/ok", CancelUrl = "https://shop.example/paypal/cancel" },
    };

    protected override PayPalInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        var returnUrl = HttpsUrl(violations, FieldPath("return_url"), method.Paypal.ReturnUrl);
        var cancelUrl = HttpsUrl(violations, FieldPath("cancel_url"), method.Paypal.CancelUrl);
        return returnUrl is null || cancelUrl is null ? null : new PayPalInstrument(returnUrl, cancelUrl);
    }

    protected override RechargeInstrument Store(PayPalInstrument instrument) => new(Type, ReturnUrl: instrument.ReturnUrl, CancelUrl: instrument.CancelUrl);

    protected override PayPalInstrument Load(RechargeInstrument stored) => new(stored.ReturnUrl!, stored.CancelUrl!);
}
