using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>
/// A region's custom amounts: any whole number of coins from <see cref="MinCoins"/> to
/// <see cref="MaxCoins"/> at <see cref="PricePer100Coins"/>. The price of n coins is
/// ⌈n × pricePer100 ÷ 100⌉ minor units: exact, and rounded up, so that buying in odd amounts is
/// never cheaper than the configured rate. Custom amounts carry no bonus coins.
/// </summary>
public sealed record CustomCoinsOffer(long MinCoins, long MaxCoins, Money PricePer100Coins)
{
    public bool Allows(long coins) => coins >= MinCoins && coins <= MaxCoins;

    public Money PriceOf(long coins) =>
        PricePer100Coins with { MinorUnits = MinorUnitMath.DivideRoundingUp((Int128)coins * PricePer100Coins.MinorUnits, 100) };
}
