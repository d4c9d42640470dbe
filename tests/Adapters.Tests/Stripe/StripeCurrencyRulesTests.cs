using System.Globalization;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Stripe's currency rules against the comparison table of shared/data (stripe_vs_iso_exponents.csv).</summary>
public sealed class StripeCurrencyRulesTests
{
    public static TheoryData<string, int, int?> TableRows()
    {
        var rows = new TheoryData<string, int, int?>();
        foreach (var line in File.ReadLines(SharedData.PathOf("stripe/stripe_vs_iso_exponents.csv")).Skip(1))
        {
            var fields = line.Split(',');
            rows.Add(fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture),
                fields[2].Length == 0 ? null : int.Parse(fields[2], CultureInfo.InvariantCulture));
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(TableRows))]
    public void EveryCurrencyOfTheTable_ConvertsWithTheTablesExponentsOrIsRefused(string currency, int isoExponent, int? stripeExponent)
    {
        // A whole unit plus nothing: representable whenever the currency is supported at all.
        var oneUnit = new Money(currency, Pow10(isoExponent) * 12);

        var accepted = StripeCurrencyRules.TryToStripeAmount(oneUnit, out var stripeAmount, out _);

        if (stripeExponent is null)
        {
            Assert.False(accepted);
            return;
        }

        Assert.True(accepted);
        Assert.Equal(Pow10(stripeExponent.Value) * 12, stripeAmount);
        Assert.Equal(oneUnit, StripeCurrencyRules.FromStripeAmount(currency.ToLowerInvariant(), stripeAmount));
    }

    [Fact]
    public void EveryCurrentIsoCurrencyWithExponentOtherThanTwo_IsInTheTableOrRefused()
    {
        var nonTwo = File.ReadLines(SharedData.PathOf("iso4217/codes-all.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 6 && f[^1].Length == 0 && f[^4].Length == 3 && f[^2] is "0" or "3" or "4")
            .Select(f => (Code: f[^4], Exponent: int.Parse(f[^2], CultureInfo.InvariantCulture)))
            .Distinct()
            .ToList();
        Assert.NotEmpty(nonTwo);

        foreach (var (code, exponent) in nonTwo)
        {
            // One minor unit less than a whole unit never rounds silently: either exact or refused.
            var amount = new Money(code, (Pow10(exponent) * 7) + (exponent > 0 ? 1 : 0));
            if (StripeCurrencyRules.TryToStripeAmount(amount, out var stripeAmount, out _))
            {
                Assert.Equal(amount, StripeCurrencyRules.FromStripeAmount(code, stripeAmount));
            }
        }
    }

    [Theory]
    [InlineData("ISK", 5, 500)] // zero-decimal in ISO, two-decimal in Stripe's API
    [InlineData("UGX", 5, 500)]
    [InlineData("MGA", 500, 5)] // two-decimal in ISO, zero-decimal at Stripe
    [InlineData("JPY", 800, 800)]
    [InlineData("KWD", 5120, 5120)]
    [InlineData("BHD", 10, 10)]
    [InlineData("HUF", 1045, 1045)] // charges may carry fillér; only payouts are whole forints
    [InlineData("TWD", 80045, 80045)]
    [InlineData("USD", 1099, 1099)]
    public void SpecialCase_ConvertsExactly(string currency, long minorUnits, long expected)
    {
        Assert.True(StripeCurrencyRules.TryToStripeAmount(new Money(currency, minorUnits), out var stripeAmount, out _));
        Assert.Equal(expected, stripeAmount);
    }

    [Theory]
    [InlineData("KWD", 5124)] // three-decimal: Stripe needs the last digit 0; we refuse rather than round
    [InlineData("JOD", 1)]
    [InlineData("OMR", 999)]
    [InlineData("TND", 15)]
    [InlineData("MGA", 550)] // 5.50 MGA has no zero-decimal form
    [InlineData("CLF", 10000)]
    [InlineData("UYW", 10000)]
    [InlineData("IQD", 1000)]
    [InlineData("LYD", 1000)]
    public void AmountWithoutExactStripeForm_IsRefusedWithAReason(string currency, long minorUnits)
    {
        Assert.False(StripeCurrencyRules.TryToStripeAmount(new Money(currency, minorUnits), out _, out var problem));
        Assert.Contains(currency, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("isk", 550)] // a legacy fractional-krona amount
    [InlineData("mga", 0)]
    public void FromStripe_FractionOfAnIsoUnit_IsNullOrExact(string currency, long stripeAmount)
    {
        var money = StripeCurrencyRules.FromStripeAmount(currency, stripeAmount);

        if (stripeAmount == 0)
        {
            Assert.Equal(new Money("MGA", 0), money);
        }
        else
        {
            Assert.Null(money);
        }
    }

    [Fact]
    public void HugeAmount_ThatWouldOverflowWhenScaled_IsRefused()
    {
        Assert.False(StripeCurrencyRules.TryToStripeAmount(new Money("ISK", long.MaxValue / 10), out _, out _));
    }

    private static long Pow10(int exponent) => exponent switch { 0 => 1, 2 => 100, 3 => 1000, 4 => 10_000, _ => throw new ArgumentOutOfRangeException(nameof(exponent)) };
}
