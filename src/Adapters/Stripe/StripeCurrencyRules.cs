using System.Collections.Frozen;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// Stripe's amount rules where they differ from ISO 4217 (docs.stripe.com/currencies): the
/// exponent Stripe counts amounts in, and whether Stripe insists on a granularity. Every
/// currency not listed is two-decimal in both. A currency whose ISO exponent is not 2 and that is
/// not listed is refused rather than guessed.
/// </summary>
public static class StripeCurrencyRules
{
    /// <param name="IsoExponent">Exponent of <see cref="Money.MinorUnits"/> for this currency.</param>
    /// <param name="StripeExponent">Exponent of Stripe's <c>amount</c> for this currency.</param>
    /// <param name="StripeGranularity">Stripe amounts must be a multiple of this.</param>
    private sealed record Rule(int IsoExponent, int StripeExponent, long StripeGranularity = 1);

    private static readonly FrozenDictionary<string, Rule> Rules = BuildRules();

    /// <summary>ISO currencies Stripe's documentation does not cover; charging them is refused.</summary>
    private static readonly FrozenSet<string> Unverified = FrozenSet.ToFrozenSet(
        ["CLF", "IQD", "LYD", "UYI", "UYW"], StringComparer.Ordinal);

    /// <summary>The amount to send to Stripe, or why it cannot be charged there exactly.</summary>
    public static bool TryToStripeAmount(Money money, out long stripeAmount, out string problem)
    {
        stripeAmount = 0;
        if (Unverified.Contains(money.Currency))
        {
            problem = $"Stripe's currency rules for {money.Currency} are not known.";
            return false;
        }

        var rule = RuleFor(money.Currency);
        if (!TryRescale(money.MinorUnits, rule.IsoExponent, rule.StripeExponent, out stripeAmount)
            || stripeAmount % rule.StripeGranularity != 0)
        {
            problem = $"Stripe cannot charge {money} exactly: amounts in {money.Currency} must be a multiple of "
                + $"{rule.StripeGranularity} at exponent {rule.StripeExponent}.";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>A Stripe amount as our money, or null when it has no exact ISO minor-unit value.</summary>
    public static Money? FromStripeAmount(string stripeCurrency, long stripeAmount)
    {
        var currency = stripeCurrency.ToUpperInvariant();
        if (Unverified.Contains(currency))
        {
            return null;
        }

        var rule = RuleFor(currency);
        return TryRescale(stripeAmount, rule.StripeExponent, rule.IsoExponent, out var minorUnits)
            ? new Money(currency, minorUnits)
            : null;
    }

    /// <summary>Stripe wants currency codes in lower case.</summary>
    public static string StripeCurrency(string isoCurrency) => isoCurrency.ToLowerInvariant();

    private static Rule RuleFor(string currency) => Rules.GetValueOrDefault(currency) ?? new Rule(2, 2);

    /// <summary>Moves an amount between exponents; fails when scaling down would drop digits.</summary>
    private static bool TryRescale(long amount, int fromExponent, int toExponent, out long rescaled)
    {
        rescaled = 0;
        if (toExponent >= fromExponent)
        {
            var factor = Pow10(toExponent - fromExponent);
            if (Math.Abs(amount) > long.MaxValue / factor)
            {
                return false;
            }

            rescaled = amount * factor;
            return true;
        }

        var divisor = Pow10(fromExponent - toExponent);
        if (amount % divisor != 0)
        {
            return false;
        }

        rescaled = amount / divisor;
        return true;
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static FrozenDictionary<string, Rule> BuildRules()
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);

        // Zero-decimal at Stripe and in ISO 4217.
        foreach (var code in new[] { "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF" })
        {
            rules[code] = new Rule(IsoExponent: 0, StripeExponent: 0);
        }

        // Zero-decimal at Stripe although ISO 4217 gives it two decimals.
        rules["MGA"] = new Rule(IsoExponent: 2, StripeExponent: 0);

        // Zero-decimal in ISO 4217 but still two-decimal in Stripe's API, whole units only
        // (ISK since 2023-04-14; UGX per the special-cases table, which overrides the zero-decimal list).
        rules["ISK"] = new Rule(IsoExponent: 0, StripeExponent: 2, StripeGranularity: 100);
        rules["UGX"] = new Rule(IsoExponent: 0, StripeExponent: 2, StripeGranularity: 100);

        // Three-decimal, but Stripe's partners need the last digit to be 0. We refuse rather than
        // round, so the price a user saw is the price charged.
        foreach (var code in new[] { "BHD", "JOD", "KWD", "OMR", "TND" })
        {
            rules[code] = new Rule(IsoExponent: 3, StripeExponent: 3, StripeGranularity: 10);
        }

        // HUF and TWD are two-decimal for charges and refunds; only payouts are whole units, and
        // this adapter makes none. They are listed so the table names every special case.
        rules["HUF"] = new Rule(IsoExponent: 2, StripeExponent: 2);
        rules["TWD"] = new Rule(IsoExponent: 2, StripeExponent: 2);

        return rules.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
