namespace PaymentCore.Catalog;

// The catalog file as written (JSON, camelCase). Every field is nullable, so that a missing one is
// reported by name instead of silently defaulted; a field the file names but these records do not
// know is refused by the loader (a typo must not turn into a default).

internal sealed record CatalogFile(List<RegionFile>? Regions);

internal sealed record RegionFile(
    string? RegionCode,
    string? Currency,
    string? TaxDisplay,
    string? TaxRate,
    List<PackageFile>? Packages,
    DerivePricesFile? DerivePrices,
    CustomCoinsFile? CustomCoins,
    List<PromotionFile>? Promotions,
    Dictionary<string, List<string>>? PaymentMethods);

internal sealed record PackageFile(string? PackageId, long? Coins, long? BonusCoins, string? Price);

internal sealed record DerivePricesFile(string? FromRegion, string? ExchangeRate, string? PriceStep, string? PriceEnding);

internal sealed record CustomCoinsFile(long? Min, long? Max, string? PricePer100Coins);

internal sealed record PromotionFile(
    string? PromotionId,
    string? Description,
    string? StartsAt,
    string? EndsAt,
    List<string>? AppliesTo,
    int? PercentOff,
    string? AmountOff,
    string? FloorPrice,
    long? BonusCoins,
    string? Code,
    long? MaxRedemptions,
    long? MaxRedemptionsPerUser,
    bool? FirstPurchaseOnly);
