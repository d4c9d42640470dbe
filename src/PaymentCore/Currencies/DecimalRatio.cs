using System.Globalization;

namespace PaymentCore.Currencies;

/// <summary>
/// A non-negative decimal number read exactly from its text, as a fraction: "17.25" is 1725/100.
/// Exchange rates and tax rates are written this way in configuration, so that arithmetic with
/// them stays in integers (see <see cref="MinorUnitMath"/>).
/// </summary>
public readonly record struct DecimalRatio(long Numerator, long Denominator)
{
    /// <summary>At most this many digits, so numerator and denominator both fit a long.</summary>
    public const int MaxDigits = 18;

    public bool IsZero => Numerator == 0;

    public static bool TryParse(string text, out DecimalRatio ratio, out string error)
    {
        ratio = default;
        var parts = text.Split('.');
        var whole = parts[0];
        var fraction = parts.Length == 2 ? parts[1] : string.Empty;
        if (parts.Length > 2 || whole.Length == 0 || (parts.Length == 2 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            error = $"'{text}' is not a plain decimal number such as \"17.25\"";
            return false;
        }

        var digits = (whole + fraction).TrimStart('0');
        if (digits.Length > MaxDigits || fraction.Length > MaxDigits)
        {
            error = $"'{text}' has more than {MaxDigits} digits";
            return false;
        }

        var numerator = digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        ratio = new DecimalRatio(numerator, (long)MinorUnitMath.PowerOfTen(fraction.Length));
        error = string.Empty;
        return true;
    }
}
