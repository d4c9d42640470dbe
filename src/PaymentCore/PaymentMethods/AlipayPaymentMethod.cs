using PaymentCore.Adapters;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>Alipay: the payer is redirected to Alipay to approve and comes back to return_url.</summary>
public sealed class AlipayPaymentMethod : LocalWalletPaymentMethod
{
    public override PaymentMethodType Type => PaymentMethodType.Alipay;
    public override string Name => "alipay";
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Alipay;
    protected override V1.LocalWallet Wallet => V1.LocalWallet.Alipay;
    protected override bool RedirectsThePayer => true;
}
