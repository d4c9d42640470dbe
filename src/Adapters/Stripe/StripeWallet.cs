using System.Collections.Frozen;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// A local wallet Stripe offers as a PaymentIntent payment method, with the presentment currencies
/// Stripe's documentation lists for it (docs.stripe.com/payments/alipay, /payments/wechat-pay). The
/// Stripe account's own country may narrow them further; Stripe then refuses the payment, which
/// surfaces as a decline rather than a guess here.
/// </summary>
/// <param name="StripeType">The payment method type in Stripe's API.</param>
/// <param name="RedirectsPayer">The payer approves on the wallet's site and comes back to a return URL
/// (Alipay), rather than scanning a QR code on another device (WeChat Pay).</param>
internal sealed record StripeWallet(PaymentMethodType Method, string StripeType, FrozenSet<string> Currencies, bool RedirectsPayer)
{
    public static readonly StripeWallet Alipay = new(
        PaymentMethodType.Alipay,
        "alipay",
        Set("AUD", "CAD", "CNY", "EUR", "GBP", "HKD", "JPY", "MYR", "NZD", "SGD", "USD"),
        RedirectsPayer: true);

    public static readonly StripeWallet WeChatPay = new(
        PaymentMethodType.WeChatPay,
        "wechat_pay",
        Set("AUD", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "JPY", "NOK", "SEK", "SGD", "USD"),
        RedirectsPayer: false);

    public static IReadOnlyList<StripeWallet> All { get; } = [Alipay, WeChatPay];

    public static StripeWallet For(PaymentMethodType method) => All.Single(w => w.Method == method);

    /// <summary>Whether a PaymentIntent (by its <c>payment_method_types</c>) is paid with one of these wallets.</summary>
    public static bool Pays(IEnumerable<string>? stripePaymentMethodTypes) =>
        stripePaymentMethodTypes?.Any(type => All.Any(w => w.StripeType == type)) == true;

    /// <summary>Why this wallet cannot take the payment, or null when it can.</summary>
    public string? Refusal(LocalWalletInstrument payer, string currency) =>
        !Currencies.Contains(currency) ? $"Stripe does not take {StripeType} payments in {currency}."
        : RedirectsPayer && payer.ReturnUrl is null ? $"Stripe needs a return URL for {StripeType} payments."
        : null;

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);
}
