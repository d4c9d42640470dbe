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

    /// <summary>QRIS, Indonesia's national QR standard: any bank or e-wallet app pays the code shown.</summary>
    Qris,

    /// <summary>KNET, Kuwait's debit card network: the payer pays on KNET's page.</summary>
    Knet,

    /// <summary>A bank transfer into an account number opened for the one payment (Indonesia's virtual accounts).</summary>
    VirtualAccount,

    /// <summary>An Indonesian e-wallet (OVO, DANA, ShopeePay): approved in the wallet, by redirect or by a push to its app.</summary>
    Ewallet,
}
