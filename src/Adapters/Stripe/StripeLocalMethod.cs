using System.Collections.Frozen;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// A country's own payment method that Stripe takes as a PaymentIntent payment method type, with
/// the currencies Stripe's documentation lists for it (docs.stripe.com/payments/pix: BRL only;
/// /payments/sepa-debit: EUR only; /payments/konbini: JPY only; Klarna: only the buyer's country's currency,
/// which for the euro countries it serves, Germany among them, is EUR). The payer completes it outside our flow (pays a code from a bank
/// app) or the bank collects it over days, so its failures fold like a wallet's or a bank's, not a card's.
/// </summary>
/// <param name="StripeType">The payment method type in Stripe's API.</param>
/// <param name="BankDebit">A debit the bank collects over days: Stripe answers <c>processing</c> until it knows.</param>
/// <param name="RefundWindow">How long after the payment it can still be refunded; null when the method sets no end.</param>
internal sealed record StripeLocalMethod(PaymentMethodType Method, string StripeType, FrozenSet<string> Currencies, bool BankDebit = false, TimeSpan? RefundWindow = null)
{
    /// <summary>
    /// A Pix payment can be given back (a "devolução", Banco Central do Brasil's rule that every Pix
    /// provider applies) for 90 days after it was received, in full or in part; later only outside Pix.
    /// </summary>
    public static readonly StripeLocalMethod Pix = new(PaymentMethodType.Pix, "pix", Set("BRL"), RefundWindow: TimeSpan.FromDays(90));

    public static readonly StripeLocalMethod SepaDebit = new(PaymentMethodType.SepaDebit, "sepa_debit", Set("EUR"), BankDebit: true);

    public static readonly StripeLocalMethod Konbini = new(PaymentMethodType.Konbini, "konbini", Set("JPY"));

    public static readonly StripeLocalMethod Klarna = new(PaymentMethodType.Klarna, "klarna", Set("EUR"));

    public static IReadOnlyList<StripeLocalMethod> All { get; } = [Pix, SepaDebit, Konbini, Klarna];

    public static StripeLocalMethod For(PaymentMethodType method) => All.Single(m => m.Method == method);

    /// <summary>The method a PaymentIntent (by its <c>payment_method_types</c>) is paid with, if it is one of these.</summary>
    public static StripeLocalMethod? Paying(IEnumerable<string>? stripePaymentMethodTypes) =>
        stripePaymentMethodTypes?.Select(type => All.FirstOrDefault(m => m.StripeType == type)).FirstOrDefault(m => m is not null);

    /// <summary>Why this method cannot take a payment in <paramref name="currency"/>, or null when it can.</summary>
    public string? Refusal(string currency) =>
        Currencies.Contains(currency) ? null : $"Stripe does not take {StripeType} payments in {currency}.";

    /// <summary>
    /// Why a payment of this method, started <paramref name="paymentAge"/> ago, cannot be refunded
    /// through Stripe any more, or null when it can. The age counts from the recharge's creation, at
    /// most a Pix code's lifetime (a day) before the payment, so the window closes that much early at most.
    /// </summary>
    public string? RefundRefusal(TimeSpan paymentAge) =>
        RefundWindow is { } window && paymentAge >= window
            ? $"A {StripeType} payment can be refunded for {window.TotalDays:0} days only; pay the user back another way."
            : null;

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);
}
