namespace PaymentCore.Adapters;

/// <summary>The kinds of payment method a gateway can serve; routing is keyed by them.</summary>
public enum PaymentMethodType
{
    Sandbox,
    Card,
    PayPal,
    Voucher,
    Alipay,
    WeChatPay,

    /// <summary>Charged to the user's phone bill or prepaid balance by their mobile operator.</summary>
    CarrierBilling,

    Pix,
    SepaDebit,
    Konbini,
    Klarna,
}
