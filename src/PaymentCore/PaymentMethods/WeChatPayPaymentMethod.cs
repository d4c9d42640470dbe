using PaymentCore.Adapters;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>WeChat Pay: the payer scans a QR code with the WeChat app, often on another device, so return_url is optional.</summary>
public sealed class WeChatPayPaymentMethod : LocalWalletPaymentMethod
{
    public override PaymentMethodType Type => PaymentMethodType.WeChatPay;
    public override string Name => "wechat_pay";
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.WechatPay;
    protected override V1.LocalWallet Wallet => V1.LocalWallet.WechatPay;
    protected override bool RedirectsThePayer => false;
}
