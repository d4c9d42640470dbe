using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>Reads the amounts of a catalog file: decimal strings in the region's currency, exact or refused.</summary>
internal static class CatalogAmounts
{
    /// <summary>The amount of a required field, or null with the problem added to <paramref name="errors"/>.</summary>
    /// <param name="field">How the problem names the field, e.g. "region US, packages[0].price".</param>
    public static Money? Read(string? text, string currency, string field, List<string> errors, bool allowZero = false)
    {
        if (text is null)
        {
            errors.Add($"{field}: required, as a decimal string in {currency}");
            return null;
        }

        if (!MoneyText.TryParse(text, currency, CurrencyTable.Iso4217, out var money, out var error))
        {
            errors.Add($"{field}: {error}");
            return null;
        }

        if (money.MinorUnits == 0 && !allowZero)
        {
            errors.Add($"{field}: must be greater than zero");
            return null;
        }

        return money;
    }
}
