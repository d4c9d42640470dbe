using System.Text;
using PaymentCore.Catalog;

namespace PaymentCore.Tests.Domain;

public sealed class CatalogLoaderTests
{
    [Fact]
    public void DemoCatalog_IsValidAndHasTheDesignRegions()
    {
        var catalog = CatalogLoader.LoadEmbeddedDemo();

        Assert.Equal(["BR", "DE", "ID", "JP", "KW", "US"], catalog.Regions.Select(r => r.RegionCode).Order());
        Assert.True(catalog.TryGetRegion("JP", out var japan));
        Assert.Equal("JPY", japan.Currency);
    }

    [Theory]
    [InlineData("\"currency\": \"XYZ\"", "region US, currency: 'XYZ' is not an active ISO 4217 currency")]
    [InlineData("\"price\": \"0.999\"", "region US, packages[0].price: '0.999' has 3 decimals but USD has 2")]
    [InlineData("\"price\": \"0\"", "region US, packages[0].price: must be greater than zero")]
    [InlineData("\"coins\": 0", "region US, packages[0].coins: must be a positive whole number")]
    [InlineData("\"taxDisplay\": \"sometimes\"", "region US, taxDisplay: 'sometimes' must be \"inclusive\" or \"exclusive\"")]
    [InlineData("\"packageId\": \"Coins 100\"", "region US, packages[0].packageId: 'Coins 100' must be 1-64 characters of [a-z0-9_]")]
    [InlineData("\"paymentMethods\": { \"cash\": [ \"sandbox\" ] }", "region US, paymentMethods.cash: unknown method")]
    public void BadCatalog_NamesSourceRegionAndField(string replacement, string expected)
    {
        var json = ValidRegion.Replace(Key(replacement) + Original(replacement), replacement, StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => Load(json));

        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicatePackage_IsReported()
    {
        var region = ValidRegion.Replace("\"coins_500\"", "\"coins_100\"", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => Load(region));

        Assert.Contains("region US, packages[1].packageId: 'coins_100' is defined twice", error.Problems);
    }

    [Fact]
    public void DuplicateRegion_IsReported()
    {
        var error = Assert.Throws<CatalogException>(() => Load($"{ValidRegion}, {ValidRegion}"));

        Assert.Equal(["region US: defined twice"], error.Problems);
    }

    [Fact]
    public void NotJson_IsReportedWithTheSource()
    {
        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(new MemoryStream("{ nope"u8.ToArray()), "test.json"));

        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    private const string ValidRegion = """
        {
          "regionCode": "US", "currency": "USD", "taxDisplay": "exclusive",
          "packages": [
            { "packageId": "coins_100", "coins": 100, "bonusCoins": 0, "price": "0.99" },
            { "packageId": "coins_500", "coins": 500, "bonusCoins": 25, "price": "4.99" }
          ],
          "paymentMethods": { "sandbox": [ "sandbox" ] }
        }
        """;

    private static CoinCatalog Load(string region) =>
        CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes($"{{ \"regions\": [ {region} ] }}")), "test.json");

    private static string Key(string replacement) => replacement[..(replacement.IndexOf(':', StringComparison.Ordinal) + 2)];

    /// <summary>The value the valid region has for the key being replaced (its first occurrence).</summary>
    private static string Original(string replacement)
    {
        var key = Key(replacement);
        var start = ValidRegion.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = key.Contains("paymentMethods", StringComparison.Ordinal)
            ? ValidRegion.IndexOf('}', start) + 1
            : ValidRegion.IndexOfAny([',', ' ', '\n'], start);
        return ValidRegion[start..end];
    }
}
