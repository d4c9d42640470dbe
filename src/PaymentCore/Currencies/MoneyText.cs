using System.Globalization;
using PaymentCore.Adapters;

namespace PaymentCore.Currencies;

/// <summary>
/// Exact conversion between decimal text ("12.34") and minor units, using the currency's
/// exponent. Text with more decimals than the currency has is refused, never rounded.
/// </summary>
public static class MoneyText
{
    public static bool TryParse(string text, string currency, CurrencyTable currencies, out Money money, out string error)
    {
        money = default;
        if (!currencies.TryGetExponent(currency, out var exponent))
        {
            error = $"'{currency}' is not an active ISO 4217 currency";
            return false;
        }

        var parts = text.Split('.');
        var whole = parts[0];
        var fraction = parts.Length == 2 ? parts[1] : string.Empty;
        if (parts.Length > 2 || whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)
            || (parts.Length == 2 && fraction.Length == 0))
        {
            error = $"'{text}' is not a plain decimal amount such as \"12.34\"";
            return false;
        }

        if (fraction.Length > exponent)
        {
            error = $"'{text}' has {fraction.Length} decimals but {currency} has {exponent}";
            return false;
        }

        var digits = whole + fraction.PadRight(exponent, '0');
        if (digits.Length > 18 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minorUnits))
        {
            error = $"'{text}' is too large";
            return false;
        }

        money = new Money(currency, minorUnits);
        error = string.Empty;
        return true;
    }

    public static string Format(Money money, CurrencyTable currencies)
    {
        var exponent = currencies.ExponentOf(money.Currency);
        var sign = money.MinorUnits < 0 ? "-" : string.Empty;
        var digits = Math.Abs(money.MinorUnits).ToString(CultureInfo.InvariantCulture).PadLeft(exponent + 1, '0');
        return exponent == 0 ? sign + digits : $"{sign}{digits[..^exponent]}.{digits[^exponent..]}";
    }
}
