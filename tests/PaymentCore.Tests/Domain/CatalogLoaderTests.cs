using System.Text;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Tests.Infrastructure;

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
    public void UnknownGatewayName_IsReported()
    {
        var error = Assert.Throws<CatalogException>(() => Load(ValidRegion.Replace("[ \"sandbox\" ]", "[ \"sandbox\", \"strpe\" ]", StringComparison.Ordinal)));

        Assert.Equal(["region US, paymentMethods.sandbox: gateway 'strpe' is not a known gateway (known: sandbox, stripe, paypal, voucher, carrier_billing)"], error.Problems);
    }

    [Fact]
    public void KnownGatewayWithoutCredentials_IsAccepted()
    {
        var catalog = Load(ValidRegion.Replace("{ \"sandbox\": [ \"sandbox\" ] }", "{ \"sandbox\": [ \"sandbox\" ], \"card\": [ \"stripe\", \"paypal\" ], \"voucher\": [ \"voucher\" ] }", StringComparison.Ordinal));

        Assert.True(catalog.TryGetRegion("US", out var region));
        Assert.Equal(3, region.GatewaysByMethod.Count);
    }

    [Theory]
    [InlineData("\"customCoins\": { \"min\": 0, \"max\": 100, \"pricePer100Coins\": \"0.99\" },", "region US, customCoins.min: must be a positive whole number")]
    [InlineData("\"customCoins\": { \"min\": 500, \"max\": 100, \"pricePer100Coins\": \"0.99\" },", "region US, customCoins.max: must be a whole number from min to 1000000000")]
    [InlineData("\"customCoins\": { \"min\": 100, \"max\": 1000, \"pricePer100Coins\": \"0.999\" },", "region US, customCoins.pricePer100Coins: '0.999' has 3 decimals but USD has 2")]
    [InlineData("\"customCoins\": { \"min\": 100, \"max\": 1000 },", "region US, customCoins.pricePer100Coins: required, as a decimal string in USD")]
    [InlineData("\"taxRate\": \"7\",", "region US, taxRate: only a tax-inclusive region states the tax rate its prices contain")]
    [InlineData("\"derivePrices\": { \"fromRegion\": \"DE\", \"exchangeRate\": \"1.1\" },", "region US, packages: a region sets either packages or derivePrices, not both")]
    [InlineData("\"customCoin\": { \"min\": 1 },", "not valid JSON: The JSON property 'customCoin' could not be mapped")]
    public void BadRegionField_IsNamed(string field, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => Load(WithField(ValidRegion, field)));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void PackageIdCustom_IsReservedForCustomAmounts()
    {
        var error = Assert.Throws<CatalogException>(() => Load(ValidRegion.Replace("\"coins_500\"", "\"custom\"", StringComparison.Ordinal)));

        Assert.Contains("region US, packages[1].packageId: 'custom' is reserved: promotions use it for custom amounts", error.Problems);
    }

    [Fact]
    public void DerivedRegion_TakesTheBasePackagesAtConvertedNicePrices()
    {
        var derived = """
            {
              "regionCode": "FR", "currency": "EUR", "taxDisplay": "inclusive", "taxRate": "20",
              "derivePrices": { "fromRegion": "US", "exchangeRate": "0.92", "priceStep": "1.00", "priceEnding": "0.99" },
              "paymentMethods": { "sandbox": [ "sandbox" ] }
            }
            """;
        var custom = WithField(ValidRegion, "\"customCoins\": { \"min\": 100, \"max\": 5000, \"pricePer100Coins\": \"0.99\" },");

        var catalog = Load($"{derived}, {custom}");

        Assert.True(catalog.TryGetRegion("FR", out var france));
        // 0.99 × 0.92 = 0.9108 -> 0.92 -> 0.99;  4.99 × 0.92 = 4.5908 -> 4.60 -> 4.99
        Assert.Equal([("coins_100", 99L), ("coins_500", 499L)], france.Packages.Select(p => (p.PackageId, p.Price.MinorUnits)));
        Assert.All(france.Packages, p => Assert.Equal("EUR", p.Price.Currency));
        Assert.Equal([0L, 25L], france.Packages.Select(p => p.BonusCoins));
        // Custom amounts follow at the converted rate, rounded up but not made nice: 0.9108 -> 0.92.
        Assert.Equal(new CustomCoinsOffer(100, 5000, new Money("EUR", 92)), france.CustomCoins);
    }

    [Theory]
    [InlineData("\"fromRegion\": \"XX\", \"exchangeRate\": \"1.1\"", "region FR, derivePrices.fromRegion: 'XX' is not a valid region with explicit price points in this catalog")]
    [InlineData("\"fromRegion\": \"US\"", "region FR, derivePrices.exchangeRate: required")]
    [InlineData("\"fromRegion\": \"US\", \"exchangeRate\": \"0\"", "region FR, derivePrices.exchangeRate: must be greater than zero")]
    [InlineData("\"fromRegion\": \"US\", \"exchangeRate\": \"1,1\"", "region FR, derivePrices.exchangeRate: '1,1' is not a plain decimal number")]
    [InlineData("\"fromRegion\": \"US\", \"exchangeRate\": \"1.1\", \"priceStep\": \"1.00\", \"priceEnding\": \"1.00\"", "region FR, derivePrices.priceEnding: '1.00' must be less than priceStep")]
    [InlineData("\"fromRegion\": \"US\", \"exchangeRate\": \"1.1\", \"priceStep\": \"0.001\"", "region FR, derivePrices.priceStep: '0.001' has 3 decimals but EUR has 2")]
    public void BadDerivation_IsNamed(string derivation, string expected)
    {
        var derived = $$"""{ "regionCode": "FR", "currency": "EUR", "taxDisplay": "inclusive", "derivePrices": { {{derivation}} }, "paymentMethods": { "sandbox": [ "sandbox" ] } }""";

        var error = Assert.Throws<CatalogException>(() => Load($"{derived}, {ValidRegion}"));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void DerivingFromADerivedRegion_IsRefused()
    {
        var first = """{ "regionCode": "FR", "currency": "EUR", "taxDisplay": "inclusive", "derivePrices": { "fromRegion": "US", "exchangeRate": "0.92" }, "paymentMethods": { "sandbox": [ "sandbox" ] } }""";
        var second = """{ "regionCode": "BE", "currency": "EUR", "taxDisplay": "inclusive", "derivePrices": { "fromRegion": "FR", "exchangeRate": "1" }, "paymentMethods": { "sandbox": [ "sandbox" ] } }""";

        var error = Assert.Throws<CatalogException>(() => Load($"{second}, {first}, {ValidRegion}"));

        Assert.Equal(["region BE, derivePrices.fromRegion: 'FR' is not a valid region with explicit price points in this catalog"], error.Problems);
    }

    [Theory]
    [InlineData("\"endsAt\": \"2026-02-01T00:00:00Z\"", "region US, promotions[0].endsAt: must be after startsAt")]
    [InlineData("\"startsAt\": \"2026-03-01T00:00:00\"", "region US, promotions[0].startsAt: '2026-03-01T00:00:00' must be an ISO 8601 instant with its offset")]
    [InlineData("\"percentOff\": 0", "region US, promotions[0].percentOff: must be a whole percentage from 1 to 100")]
    [InlineData("\"percentOff\": 10, \"amountOff\": \"1.00\"", "region US, promotions[0]: set percentOff or amountOff, not both")]
    [InlineData("\"amountOff\": \"1.001\"", "region US, promotions[0].amountOff: '1.001' has 3 decimals but USD has 2")]
    [InlineData("\"bonusCoins\": 0", "region US, promotions[0]: must give a discount (percentOff or amountOff), bonusCoins, or both")]
    [InlineData("\"floorPrice\": \"0.50\"", "region US, promotions[0].floorPrice: only a discount has a floor")]
    [InlineData("\"maxRedemptions\": 10", "region US, promotions[0]: redemption caps need a code")]
    [InlineData("\"code\": \"HELLO\", \"maxRedemptionsPerUser\": 0", "region US, promotions[0]: maxRedemptions and maxRedemptionsPerUser must be at least 1")]
    [InlineData("\"code\": \"HI\"", "region US, promotions[0].code: 'HI' must be 3-32 letters")]
    [InlineData("\"code\": \"HELLO\", \"firstPurchaseOnly\": true", "region US, promotions[0].firstPurchaseOnly: a first-purchase promotion applies by itself and has no code")]
    [InlineData("\"appliesTo\": [ \"coins_7\" ]", "region US, promotions[0].appliesTo: 'coins_7' is not a package of the region")]
    [InlineData("\"appliesTo\": [ \"custom\" ]", "region US, promotions[0].appliesTo: 'custom' is not a package of the region")]
    [InlineData("\"promotionId\": \"Spring Sale\"", "region US, promotions[0].promotionId: 'Spring Sale' must be 1-64 characters of [a-z0-9_]")]
    [InlineData("\"description\": \"\"", "region US, promotions[0].description: required")]
    public void BadPromotion_IsNamed(string change, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => Load(WithPromotions(ValidRegion, PromotionJson(change))));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Promotion_IsReadWithEveryField()
    {
        var region = WithPromotions(ValidRegion, PromotionJson("\"percentOff\": 20, \"floorPrice\": \"0.50\", \"appliesTo\": [ \"coins_500\" ], \"code\": \"Spring-26\", \"maxRedemptions\": 100, \"maxRedemptionsPerUser\": 2"));

        Assert.True(Load(region).TryGetRegion("US", out var us));

        var promotion = Assert.Single(us.Promotions);
        Assert.Equal("spring", promotion.PromotionId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), promotion.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), promotion.EndsAt);
        Assert.Equal(20, promotion.PercentOff);
        Assert.Equal(new Money("USD", 50), promotion.FloorPrice);
        Assert.Equal(new HashSet<string> { "coins_500" }, promotion.AppliesTo);
        Assert.Equal(100, promotion.MaxRedemptions);
        Assert.Equal(2, promotion.PerUserCap);
        Assert.Same(promotion, us.FindPromotionByCode("SPRING-26"));
    }

    [Fact]
    public void PromotionIds_AreUniqueInTheWholeCatalog()
    {
        var us = WithPromotions(ValidRegion, PromotionJson("\"bonusCoins\": 5"));
        var ca = WithPromotions(ValidRegion.Replace("\"US\"", "\"CA\"", StringComparison.Ordinal).Replace("USD", "CAD", StringComparison.Ordinal), PromotionJson("\"bonusCoins\": 5"));

        var error = Assert.Throws<CatalogException>(() => Load($"{us}, {ca}"));

        Assert.Equal(["region CA, promotions: id 'spring' is also a promotion of region US; promotion ids are unique in the catalog"], error.Problems);
    }

    [Fact]
    public void PromotionCodes_AreUniqueInARegionWhateverTheCase()
    {
        var region = WithPromotions(ValidRegion, PromotionJson("\"code\": \"HELLO\""), PromotionJson("\"code\": \"hello\"").Replace("\"spring\"", "\"autumn\"", StringComparison.Ordinal));

        var error = Assert.Throws<CatalogException>(() => Load(region));

        Assert.Contains("region US, promotions[1].code: 'hello' is used by another promotion of the region (codes ignore case)", error.Problems);
    }

    [Fact]
    public void DocumentedExample_IsAValidCatalogWithTheDerivedPricesItDescribes()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "catalog.md"));
        var section = doc[doc.IndexOf("## Defining a region", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var catalog = CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(example)), "docs/catalog.md");

        Assert.True(catalog.TryGetRegion("AT", out var austria));
        // 1.09 × 1.02 = 1.1118 -> 1.12 -> 1.99;  5.49 × 1.02 = 5.5998 -> 5.60 -> 5.99
        Assert.Equal([199L, 599L], austria.Packages.Select(p => p.Price.MinorUnits));
        Assert.Equal(112, austria.CustomCoins!.PricePer100Coins.MinorUnits);
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

    /// <summary>A valid promotion of the region (bonus coins in March 2026) with one field changed or added.</summary>
    private static string PromotionJson(string change)
    {
        var fields = new Dictionary<string, string>
        {
            ["promotionId"] = "\"spring\"",
            ["description"] = "\"Spring bonus\"",
            ["startsAt"] = "\"2026-03-01T00:00:00Z\"",
            ["endsAt"] = "\"2026-03-08T00:00:00Z\"",
            ["bonusCoins"] = "10",
        };
        var changed = System.Text.Json.JsonDocument.Parse($"{{ {change} }}").RootElement;
        foreach (var property in changed.EnumerateObject())
        {
            fields[property.Name] = property.Value.GetRawText();
        }

        return "{ " + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + " }";
    }

    private static string WithPromotions(string region, params string[] promotions) =>
        WithField(region, $"\"promotions\": [ {string.Join(", ", promotions)} ],");

    private static string WithField(string region, string field) =>
        region.Replace("\"paymentMethods\"", field + " \"paymentMethods\"", StringComparison.Ordinal);

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
