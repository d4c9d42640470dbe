using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>
/// Price points of a region derived from a base region's, for regions without explicit ones.
/// The rule, deterministic and exact:
/// <list type="number">
/// <item>convert: base price × <see cref="ExchangeRate"/> (units of this region's currency per unit
/// of the base currency), rounded up to a minor unit of this region's currency;</item>
/// <item>make it nice: round up to the smallest amount whose remainder modulo <see cref="PriceStep"/>
/// is <see cref="PriceEnding"/> — step 1.00 and ending 0.99 gives x.99, step 100 and ending 0 gives
/// whole hundreds (JPY), step 1000 and ending 0 whole thousands (IDR).</item>
/// </list>
/// Both steps round up, so a derived price is never below the converted base price.
/// </summary>
/// <param name="FromRegion">The region with explicit price points whose packages are derived.</param>
/// <param name="PriceStep">In minor units of this region's currency; positive.</param>
/// <param name="PriceEnding">In minor units; from 0 to less than <see cref="PriceStep"/>.</param>
public sealed record PriceDerivation(string FromRegion, DecimalRatio ExchangeRate, long PriceStep, long PriceEnding)
{
    public Money Derive(Money basePrice, string currency, CurrencyTable currencies) =>
        new(currency, RoundUpToEnding(Convert(basePrice, currency, currencies), PriceStep, PriceEnding));

    /// <summary>basePrice × rate in minor units of <paramref name="currency"/>, rounded up (no nice rounding).</summary>
    public long Convert(Money basePrice, string currency, CurrencyTable currencies)
    {
        var numerator = checked((Int128)basePrice.MinorUnits * ExchangeRate.Numerator * MinorUnitMath.PowerOfTen(currencies.ExponentOf(currency)));
        var denominator = checked((Int128)ExchangeRate.Denominator * MinorUnitMath.PowerOfTen(currencies.ExponentOf(basePrice.Currency)));
        return MinorUnitMath.DivideRoundingUp(numerator, denominator);
    }

    /// <summary>The smallest amount ≥ <paramref name="minorUnits"/> (and above zero) that ends in <paramref name="ending"/> modulo <paramref name="step"/>.</summary>
    public static long RoundUpToEnding(long minorUnits, long step, long ending)
    {
        var candidate = checked(minorUnits - (minorUnits % step) + ending);
        return candidate < minorUnits || candidate == 0 ? checked(candidate + step) : candidate;
    }
}
