using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Currencies;

namespace PaymentCore.Pricing;

/// <summary>The tax a price contains, as a tax-inclusive region shows it.</summary>
public static class TaxAmount
{
    /// <summary>
    /// For a tax-inclusive region with a configured rate r %: price − price × 100 ÷ (100 + r), the
    /// net part rounded half up to a minor unit. Null where PaymentCore does not know the tax: a
    /// tax-exclusive region adds it at checkout, where the buyer's address is known.
    /// </summary>
    public static Money? ContainedIn(Money price, RegionCatalog region)
    {
        if (region.TaxDisplay != TaxDisplayMode.Inclusive || region.TaxRatePercent is not { } rate)
        {
            return null;
        }

        var net = MinorUnitMath.DivideRoundingHalfUp(
            (Int128)price.MinorUnits * 100 * rate.Denominator,
            ((Int128)rate.Denominator * 100) + rate.Numerator);
        return price with { MinorUnits = price.MinorUnits - net };
    }
}
