using PaymentCore.Adapters;
using PaymentCore.Catalog;

namespace PaymentCore.Tests.Domain;

/// <summary>The demo catalog's price points, scaled by each currency's ISO 4217 exponent, and what users compare them by.</summary>
public sealed class PricePointTests
{
    private static readonly CoinCatalog Demo = CatalogLoader.LoadEmbeddedDemo();

    public static TheoryData<string> DemoRegions => new(Demo.Regions.Select(r => r.RegionCode).Order());

    [Theory]
    [InlineData("US", "USD", new long[] { 99, 499, 1199, 5999 })]               // 2 decimals
    [InlineData("DE", "EUR", new long[] { 109, 549, 1299, 6499 })]              // 2 decimals
    [InlineData("JP", "JPY", new long[] { 160, 800, 1900, 9800 })]              // 0 decimals: yen
    [InlineData("KW", "KWD", new long[] { 300, 1500, 3650, 18250 })]            // 3 decimals: fils
    [InlineData("BR", "BRL", new long[] { 590, 2790, 6490, 32990 })]            // 2 decimals
    [InlineData("ID", "IDR", new long[] { 1600000, 7900000, 18900000, 94900000 })] // 2 decimals, large amounts
    public void DemoPricePoints_AreInTheCurrencysMinorUnits(string regionCode, string currency, long[] minorUnits)
    {
        Assert.True(Demo.TryGetRegion(regionCode, out var region));

        Assert.Equal(currency, region.Currency);
        Assert.Equal(minorUnits.Select(m => new Money(currency, m)), region.Packages.Select(p => p.Price));
    }

    [Theory]
    [MemberData(nameof(DemoRegions))]
    public void BiggerPackages_CostLessPerCoin_InEveryDemoRegion(string regionCode)
    {
        Assert.True(Demo.TryGetRegion(regionCode, out var region));
        var bySize = region.Packages.OrderBy(p => p.Coins + p.BonusCoins).ToList();

        foreach (var (smaller, bigger) in bySize.Zip(bySize.Skip(1)))
        {
            // price/coins strictly falls: compared exactly by cross-multiplying, not by the rounded per-100 price.
            Assert.True(
                (Int128)bigger.Price.MinorUnits * (smaller.Coins + smaller.BonusCoins) < (Int128)smaller.Price.MinorUnits * (bigger.Coins + bigger.BonusCoins),
                $"{regionCode}: {bigger.PackageId} costs more per coin than {smaller.PackageId}");
            Assert.True(bigger.PricePer100Coins.MinorUnits <= smaller.PricePer100Coins.MinorUnits);
        }
    }

    [Theory]
    [InlineData("US", 250, 248)]             // 250 × 0.99 / 100 = 2.475 -> 2.48
    [InlineData("US", 100000, 99000)]
    [InlineData("DE", 101, 111)]             // 1.1009 -> 1.11
    [InlineData("JP", 333, 533)]             // 532.8 yen -> 533
    [InlineData("KW", 333, 999)]             // exactly 0.999
    [InlineData("KW", 101, 303)]
    [InlineData("BR", 250, 1475)]
    [InlineData("ID", 12345, 197520000)]     // 1,975,200.00 IDR
    [InlineData("ID", 100000, 1600000000)]   // 16,000,000.00 IDR
    public void CustomCoins_ArePricedExactly_RoundedUpToAMinorUnit(string regionCode, long coins, long expectedMinorUnits)
    {
        Assert.True(Demo.TryGetRegion(regionCode, out var region));

        Assert.Equal(new Money(region.Currency, expectedMinorUnits), region.CustomCoins!.PriceOf(coins));
    }

    [Fact]
    public void CustomCoins_PriceOfLargeAmounts_IsExactBeyondWhatALongProductHolds()
    {
        // 10^9 coins at 10^11 minor units per 100: the product 10^20 overflows a long, the price 10^18 does not.
        var offer = new CustomCoinsOffer(1, 1_000_000_000, new Money("IDR", 100_000_000_000));

        Assert.Equal(1_000_000_000_000_000_000, offer.PriceOf(1_000_000_000).MinorUnits);
        Assert.Throws<OverflowException>(() => (offer with { PricePer100Coins = new Money("IDR", long.MaxValue) }).PriceOf(1_000_000_000));
    }
}
