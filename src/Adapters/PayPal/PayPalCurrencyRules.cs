using System.Collections.Frozen;
using System.Globalization;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// PayPal amounts are decimal strings (<c>"4.99"</c>). The currencies PayPal's REST API accepts,
/// with their ISO 4217 exponents, and the ones PayPal takes in whole units only (HUF, JPY, TWD:
/// "if you pass a decimal amount, an error occurs"). Formatting and parsing are done on integers
/// and strings; no floating point.
/// </summary>
public static class PayPalCurrencyRules
{
    private static readonly FrozenDictionary<string, int> IsoExponents = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AUD"] = 2, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CNY"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EUR"] = 2,
        ["GBP"] = 2, ["HKD"] = 2, ["HUF"] = 2, ["ILS"] = 2, ["JPY"] = 0, ["MXN"] = 2, ["MYR"] = 2, ["NOK"] = 2,
        ["NZD"] = 2, ["PHP"] = 2, ["PLN"] = 2, ["RUB"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TWD"] = 2,
        ["USD"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WholeUnitsOnly = FrozenSet.ToFrozenSet(["HUF", "JPY", "TWD"], StringComparer.Ordinal);

    public static IReadOnlySet<string> Currencies { get; } = IsoExponents.Keys.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The <c>value</c> string PayPal expects, or why the amount cannot be sent exactly.</summary>
    public static bool TryFormat(Money money, out string value, out string problem)
    {
        value = string.Empty;
        if (!IsoExponents.TryGetValue(money.Currency, out var exponent))
        {
            problem = $"PayPal does not take {money.Currency}.";
            return false;
        }

        if (money.MinorUnits <= 0)
        {
            problem = $"PayPal amounts must be positive, not {money}.";
            return false;
        }

        var unit = Pow10(exponent);
        var whole = money.MinorUnits / unit;
        var fraction = money.MinorUnits % unit;
        if (WholeUnitsOnly.Contains(money.Currency))
        {
            if (fraction != 0)
            {
                problem = $"PayPal takes {money.Currency} in whole units only; {money} has a fraction.";
                return false;
            }

            value = whole.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            value = exponent == 0
                ? whole.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction.ToString(new string('0', exponent), CultureInfo.InvariantCulture)}");
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>A PayPal money object as our money; null when the value is malformed or finer than the currency.</summary>
    public static Money? Parse(string currency, string value)
    {
        if (!IsoExponents.TryGetValue(currency, out var exponent) || value.Length is 0 or > 32)
        {
            return null;
        }

        var point = value.IndexOf('.', StringComparison.Ordinal);
        var wholeText = point < 0 ? value : value[..point];
        var fractionText = point < 0 ? string.Empty : value[(point + 1)..];
        if (fractionText.Length > exponent || (point >= 0 && fractionText.Length == 0)
            || !AllDigits(wholeText, allowEmpty: point >= 0) || !AllDigits(fractionText, allowEmpty: true))
        {
            return null;
        }

        try
        {
            var whole = wholeText.Length == 0 ? 0 : long.Parse(wholeText, NumberStyles.None, CultureInfo.InvariantCulture);
            var fraction = fractionText.Length == 0 ? 0 : long.Parse(fractionText.PadRight(exponent, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
            return new Money(currency, checked((whole * Pow10(exponent)) + fraction));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static bool AllDigits(string text, bool allowEmpty) =>
        (allowEmpty || text.Length > 0) && text.All(char.IsAsciiDigit);

    private static long Pow10(int exponent) => exponent switch
    {
        0 => 1,
        2 => 100,
        _ => throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "PayPal currencies have exponent 0 or 2."),
    };
}
