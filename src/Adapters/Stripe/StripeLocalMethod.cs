using System.Collections.Frozen;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// A country's own payment method that Stripe takes as a PaymentIntent payment method type, with
/// the currencies Stripe's documentation lists for it (docs.stripe.com/payments/pix: BRL only). The
/// payer completes it outside our flow (pays a code from a bank app), so its failures fold like a
/// wallet's, not a card's.
/// </summary>
/// <param name="StripeType">The payment method type in Stripe's API.</param>
internal sealed record StripeLocalMethod(PaymentMethodType Method, string StripeType, FrozenSet<string> Currencies)
{
    public static readonly StripeLocalMethod Pix = new(PaymentMethodType.Pix, "pix", Set("BRL"));

    public static IReadOnlyList<StripeLocalMethod> All { get; } = [Pix];

    public static StripeLocalMethod For(PaymentMethodType method) => All.Single(m => m.Method == method);

    /// <summary>Whether a PaymentIntent (by its <c>payment_method_types</c>) is paid with one of these methods.</summary>
    public static bool Pays(IEnumerable<string>? stripePaymentMethodTypes) =>
        stripePaymentMethodTypes?.Any(type => All.Any(m => m.StripeType == type)) == true;

    /// <summary>Why this method cannot take a payment in <paramref name="currency"/>, or null when it can.</summary>
    public string? Refusal(string currency) =>
        Currencies.Contains(currency) ? null : $"Stripe does not take {StripeType} payments in {currency}.";

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);
}
