namespace PaymentCore.Tests.Infrastructure;

/// <summary>Catalog files for tests that need more than the demo catalog: a first-purchase bonus, a scarce code, a derived region.</summary>
public static class TestCatalogs
{
    public const string ScarceCode = "LIMITED";
    public const int ScarceCodeCap = 10;

    /// <summary>
    /// US (USD) with explicit prices, a first-purchase bonus of 100 coins, and code LIMITED (20 % off,
    /// once per user, <see cref="ScarceCodeCap"/> in total); FR (EUR) derived from US at 0.92 EUR/USD, ending in .99.
    /// </summary>
    public static string Shop(string coins500Price = "4.99") => $$"""
        {
          "regions": [
            {
              "regionCode": "US", "currency": "USD", "taxDisplay": "exclusive",
              "packages": [
                { "packageId": "coins_100", "coins": 100, "bonusCoins": 0, "price": "0.99" },
                { "packageId": "coins_500", "coins": 500, "bonusCoins": 25, "price": "{{coins500Price}}" }
              ],
              "customCoins": { "min": 100, "max": 10000, "pricePer100Coins": "0.99" },
              "promotions": [
                { "promotionId": "first_bonus", "description": "100 extra coins on your first purchase",
                  "startsAt": "2025-01-01T00:00:00Z", "endsAt": "2100-01-01T00:00:00Z", "bonusCoins": 100, "firstPurchaseOnly": true },
                { "promotionId": "limited", "description": "20 % off for the first ten", "code": "{{ScarceCode}}",
                  "startsAt": "2025-01-01T00:00:00Z", "endsAt": "2100-01-01T00:00:00Z", "percentOff": 20,
                  "maxRedemptions": {{ScarceCodeCap}}, "maxRedemptionsPerUser": 1 }
              ],
              "paymentMethods": { "sandbox": [ "sandbox" ] }
            },
            {
              "regionCode": "FR", "currency": "EUR", "taxDisplay": "inclusive", "taxRate": "20",
              "derivePrices": { "fromRegion": "US", "exchangeRate": "0.92", "priceStep": "1.00", "priceEnding": "0.99" },
              "paymentMethods": { "sandbox": [ "sandbox" ] }
            }
          ]
        }
        """;

    /// <summary>Settings of a host reading <paramref name="file"/>, polling it every 20 ms.</summary>
    public static Dictionary<string, string?> Settings(TempCatalogFile file) => new()
    {
        ["Catalog:Path"] = file.Path,
        ["Catalog:PollInterval"] = "00:00:00.020",
    };
}
