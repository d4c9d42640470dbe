using System.Collections.Frozen;
using System.Globalization;
using System.Xml.Linq;

namespace PaymentCore.Currencies;

/// <summary>
/// ISO 4217 currencies and their minor-unit exponents, read once from the official list
/// (SIX Table A.1, embedded in this assembly). Funds and metals without minor units ("N.A.")
/// are left out: nothing can be priced in them.
/// </summary>
public sealed class CurrencyTable
{
    private readonly FrozenDictionary<string, int> _exponents;

    private CurrencyTable(FrozenDictionary<string, int> exponents) => _exponents = exponents;

    public static CurrencyTable Iso4217 { get; } = LoadEmbedded();

    public int Count => _exponents.Count;

    public bool TryGetExponent(string currency, out int exponent) => _exponents.TryGetValue(currency, out exponent);

    public int ExponentOf(string currency) =>
        _exponents.TryGetValue(currency, out var exponent)
            ? exponent
            : throw new ArgumentException($"'{currency}' is not an active ISO 4217 currency.", nameof(currency));

    private static CurrencyTable LoadEmbedded()
    {
        using var stream = typeof(CurrencyTable).Assembly.GetManifestResourceStream("PaymentCore.iso4217-list-one.xml")
            ?? throw new InvalidOperationException("The ISO 4217 list is not embedded in the assembly.");
        var exponents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in XDocument.Load(stream).Descendants("CcyNtry"))
        {
            var code = entry.Element("Ccy")?.Value;
            var minorUnits = entry.Element("CcyMnrUnts")?.Value;
            if (code is not null && int.TryParse(minorUnits, NumberStyles.None, CultureInfo.InvariantCulture, out var exponent))
            {
                exponents[code] = exponent;
            }
        }

        return new CurrencyTable(exponents.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
