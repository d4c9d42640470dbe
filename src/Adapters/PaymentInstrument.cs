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

/// <summary>
/// A Pix payment (Brazil): the payer pays a QR code, or its copy-paste code, from any Brazilian bank
/// app before it expires. Nothing identifies the payer until they pay, so the instrument carries nothing.
/// </summary>
public sealed record PixInstrument() : PaymentInstrument(PaymentMethodType.Pix);

/// <summary>
/// A SEPA Direct Debit from the payer's bank account under a mandate they accepted online. The IBAN
/// never comes here: the gateway's client SDK (Stripe.js) turned it into <paramref name="GatewayToken"/>
/// on the payer's device, so nothing of it can be stored or logged by the core.
/// </summary>
/// <param name="GatewayToken">The gateway's id of the bank account payment method (Stripe <c>pm_…</c>).</param>
/// <param name="MandateIpAddress">The IP address the payer accepted the mandate from.</param>
/// <param name="MandateUserAgent">The user agent of the browser the payer accepted the mandate in.</param>
public sealed record SepaDebitInstrument(string GatewayToken, string MandateIpAddress, string MandateUserAgent)
    : PaymentInstrument(PaymentMethodType.SepaDebit);

/// <summary>
/// A Konbini payment (Japan): the payer pays a voucher in cash at a convenience store, days later.
/// The gateway needs the payer's name and e-mail address (personal data: masked in every log line).
/// </summary>
public sealed record KonbiniInstrument(string PayerName, string PayerEmail) : PaymentInstrument(PaymentMethodType.Konbini);

/// <summary>
/// A Klarna payment: the payer is redirected to Klarna to choose how to pay (now, later, in
/// instalments), and comes back to <paramref name="ReturnUrl"/>. Klarna needs the payer's e-mail
/// address (personal data: masked in every log line); the billing country is the region's.
/// </summary>
public sealed record KlarnaInstrument(Uri ReturnUrl, string PayerEmail) : PaymentInstrument(PaymentMethodType.Klarna);

/// <summary>A QRIS payment: a code the payer scans with any Indonesian bank or e-wallet app; who pays is known only then.</summary>
public sealed record QrisInstrument() : PaymentInstrument(PaymentMethodType.Qris);

/// <summary>A KNET payment: the payer enters their Kuwaiti debit card on KNET's page and comes back to <paramref name="ReturnUrl"/>.</summary>
public sealed record KnetInstrument(Uri ReturnUrl) : PaymentInstrument(PaymentMethodType.Knet);

/// <summary>A bank transfer into a virtual account opened at <paramref name="Bank"/> (<see cref="VirtualAccountBanks"/>); who pays is known only when the transfer arrives.</summary>
public sealed record VirtualAccountInstrument(string Bank) : PaymentInstrument(
    VirtualAccountBanks.All.Contains(Bank) ? PaymentMethodType.VirtualAccount : throw new ArgumentOutOfRangeException(nameof(Bank), Bank, "not a virtual account bank"));

/// <summary>
/// A payment from an Indonesian e-wallet (<see cref="EwalletWallets"/>). OVO pushes the payment to the
/// app of <paramref name="PhoneNumber"/> (E.164; personal data: the record prints itself masked, and a
/// stored recharge keeps only the masked form, so an instrument read back from one carries no
/// dialable number); DANA and ShopeePay redirect the payer and send them back to <paramref name="ReturnUrl"/>.
/// </summary>
public sealed record EwalletInstrument(string Wallet, string? PhoneNumber, Uri? ReturnUrl) : PaymentInstrument(
    EwalletWallets.All.Contains(Wallet) ? PaymentMethodType.Ewallet : throw new ArgumentOutOfRangeException(nameof(Wallet), Wallet, "not an e-wallet"))
{
    /// <summary>Whether the phone number can be sent to the wallet: false when it was read back masked from a stored recharge.</summary>
    public bool HasDialableNumber => PhoneNumbers.IsE164(PhoneNumber);

    public override string ToString() =>
        $"{nameof(EwalletInstrument)} {{ Wallet = {Wallet}, PhoneNumber = {(PhoneNumber is null ? "" : PhoneNumbers.Mask(PhoneNumber))}, ReturnUrl = {ReturnUrl} }}";
}
