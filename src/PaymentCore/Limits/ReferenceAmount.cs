using System.Globalization;
using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Limits;

/// <summary>
/// Converts amounts into the reference currency with exact integer arithmetic: a rate is the
/// fraction Numerator/Denominator read from its decimal text, and results round up so that a
/// limit is never under-counted.
/// </summary>
public sealed class ReferenceAmount
{
    private readonly Dictionary<string, (long Numerator, long Denominator)> _rates;
    private readonly int _referenceExponent;

    public ReferenceAmount(string referenceCurrency, IReadOnlyDictionary<string, string> rates, CurrencyTable currencies)
    {
        ReferenceCurrency = referenceCurrency;
        _referenceExponent = currencies.ExponentOf(referenceCurrency);
        _rates = new Dictionary<string, (long, long)>(StringComparer.Ordinal) { [referenceCurrency] = (1, 1) };
        foreach (var (currency, text) in rates)
        {
            currencies.ExponentOf(currency);
            _rates[currency] = ParseRate(currency, text);
        }
    }

    public string ReferenceCurrency { get; }

    public bool Knows(string currency) => _rates.ContainsKey(currency);

    /// <summary>The amount in reference minor units, rounded up.</summary>
    public long Convert(Money money, CurrencyTable currencies)
    {
        if (!_rates.TryGetValue(money.Currency, out var rate))
        {
            throw new InvalidOperationException($"No exchange rate from {money.Currency} to {ReferenceCurrency} is configured.");
        }

        var exponentShift = _referenceExponent - currencies.ExponentOf(money.Currency);
        var numerator = (Int128)money.MinorUnits * rate.Numerator * Pow10(Math.Max(0, exponentShift));
        var denominator = (Int128)rate.Denominator * Pow10(Math.Max(0, -exponentShift));
        return checked((long)((numerator + denominator - 1) / denominator));
    }

    /// <summary>Parses a decimal amount in the reference currency ("250.00") into minor units.</summary>
    public long ParseLimit(string text, CurrencyTable currencies) =>
        MoneyText.TryParse(text, ReferenceCurrency, currencies, out var money, out var error)
            ? money.MinorUnits
            : throw new FormatException(error);

    private static (long, long) ParseRate(string currency, string text)
    {
        var parts = text.Split('.');
        var digits = string.Concat(parts);
        if (parts.Length > 2 || digits.Length is 0 or > 18 || !digits.All(char.IsAsciiDigit))
        {
            throw new FormatException($"Limits:ExchangeRates:{currency}: '{text}' is not a decimal number such as \"1.10\".");
        }

        var numerator = long.Parse(digits, CultureInfo.InvariantCulture);
        if (numerator == 0)
        {
            throw new FormatException($"Limits:ExchangeRates:{currency}: must be greater than zero.");
        }

        return (numerator, (long)Pow10(parts.Length == 2 ? parts[1].Length : 0));
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
