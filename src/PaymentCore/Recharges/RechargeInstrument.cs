using PaymentCore.Adapters;

namespace PaymentCore.Recharges;

/// <summary>
/// The payment instrument as stored on a recharge: gateway tokens and voucher code digests only,
/// never card data or a voucher code. Kept so that a charge whose answer was lost can be asked
/// again with the same gateway idempotency key.
/// </summary>
public sealed record RechargeInstrument(PaymentMethodType Type, string? Token, Uri? ReturnUrl, Uri? CancelUrl)
{
    public static RechargeInstrument From(PaymentInstrument instrument) => instrument switch
    {
        SandboxInstrument s => new(PaymentMethodType.Sandbox, s.Token, null, null),
        CardInstrument c => new(PaymentMethodType.Card, c.GatewayToken, null, null),
        PayPalInstrument p => new(PaymentMethodType.PayPal, null, p.ReturnUrl, p.CancelUrl),
        VoucherInstrument v => new(PaymentMethodType.Voucher, v.CodeHash, null, null),
        LocalWalletInstrument w => new(w.MethodType, null, w.ReturnUrl, null),
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument.GetType().Name, null),
    };

    public PaymentInstrument ToInstrument() => Type switch
    {
        PaymentMethodType.Sandbox => new SandboxInstrument(Token!),
        PaymentMethodType.Card => new CardInstrument(Token!),
        PaymentMethodType.PayPal => new PayPalInstrument(ReturnUrl!, CancelUrl!),
        PaymentMethodType.Voucher => new VoucherInstrument(Token!),
        PaymentMethodType.Alipay or PaymentMethodType.WeChatPay => new LocalWalletInstrument(Type, ReturnUrl),
        _ => throw new InvalidOperationException($"Unknown payment method type {Type}."),
    };
}
