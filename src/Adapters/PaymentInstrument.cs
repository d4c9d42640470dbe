namespace PaymentCore.Adapters;

/// <summary>What the user pays with, as the gateway needs it. Never a raw card number.</summary>
public abstract record PaymentInstrument(PaymentMethodType MethodType);

/// <summary>A Sandbox token that picks the outcome (see <see cref="Sandbox.SandboxTokens"/>).</summary>
public sealed record SandboxInstrument(string Token) : PaymentInstrument(PaymentMethodType.Sandbox);

/// <summary>A card tokenized by the gateway's client SDK.</summary>
public sealed record CardInstrument(string GatewayToken) : PaymentInstrument(PaymentMethodType.Card);

/// <summary>A PayPal payer who approves on PayPal and returns to one of these URLs.</summary>
public sealed record PayPalInstrument(Uri ReturnUrl, Uri CancelUrl) : PaymentInstrument(PaymentMethodType.PayPal);

/// <summary>
/// A prepaid voucher, known only by the digest of its code (<see cref="Voucher.VoucherCodes.Hash"/>): the
/// code itself is a bearer secret and never leaves the request that carried it.
/// </summary>
public sealed record VoucherInstrument(string CodeHash) : PaymentInstrument(PaymentMethodType.Voucher)
{
    public static VoucherInstrument ForCode(string code) => new(Voucher.VoucherCodes.Hash(code));
}

/// <summary>
/// A local wallet app the payer approves in (<see cref="PaymentMethodType.Alipay"/>,
/// <see cref="PaymentMethodType.WeChatPay"/>), known only once the payer acts.
/// </summary>
/// <param name="ReturnUrl">Where the payer's browser comes back to after approving; a redirect
/// wallet (Alipay) needs it, a QR-code wallet (WeChat Pay) may do without.</param>
public sealed record LocalWalletInstrument(PaymentMethodType MethodType, Uri? ReturnUrl) : PaymentInstrument(
    MethodType is PaymentMethodType.Alipay or PaymentMethodType.WeChatPay
        ? MethodType
        : throw new ArgumentOutOfRangeException(nameof(MethodType), MethodType, "not a local wallet"));

/// <summary>
/// A mobile line whose bill (or prepaid balance) is charged: the phone number, E.164. It is personal
/// data, so the record prints itself masked (<see cref="PhoneNumbers.Mask"/>) wherever it is logged.
/// </summary>
public sealed record CarrierBillingInstrument(string PhoneNumber) : PaymentInstrument(PaymentMethodType.CarrierBilling)
{
    public override string ToString() => $"{nameof(CarrierBillingInstrument)} {{ PhoneNumber = {PhoneNumbers.Mask(PhoneNumber)} }}";
}
