using System.Collections.Frozen;
using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>The validated catalog: what each region sells, at which price points, paid how.</summary>
/// <param name="Source">Where the catalog came from, for log lines and errors.</param>
/// <param name="Version">A digest of the catalog file's bytes: the same file always has the same version.</param>
public sealed class CoinCatalog(IEnumerable<RegionCatalog> regions, string source, string version)
{
    private readonly FrozenDictionary<string, RegionCatalog> _regions =
        regions.ToFrozenDictionary(r => r.RegionCode, StringComparer.Ordinal);

    public string Source { get; } = source;

    public string Version { get; } = version;

    public IEnumerable<RegionCatalog> Regions => _regions.Values;

    public bool TryGetRegion(string regionCode, out RegionCatalog region) =>
        _regions.TryGetValue(regionCode, out region!);
}

/// <summary>One region's offer.</summary>
/// <param name="Packages">The packages, cheapest first: explicit price points, or derived (see <see cref="PriceDerivation"/>).</param>
/// <param name="GatewaysByMethod">Per payment method, the gateways to try, in order.</param>
public sealed record RegionCatalog(
    string RegionCode,
    string Currency,
    TaxDisplayMode TaxDisplay,
    IReadOnlyList<CoinPackageOffer> Packages,
    IReadOnlyDictionary<PaymentMethodType, IReadOnlyList<string>> GatewaysByMethod)
{
    /// <summary>The tax rate in percent contained in a tax-inclusive region's prices, when configured.</summary>
    public DecimalRatio? TaxRatePercent { get; init; }

    /// <summary>Custom amounts, when the region sells them.</summary>
    public CustomCoinsOffer? CustomCoins { get; init; }

    public IReadOnlyList<Promotion> Promotions { get; init; } = [];

    public CoinPackageOffer? FindPackage(string packageId) =>
        Packages.FirstOrDefault(p => string.Equals(p.PackageId, packageId, StringComparison.Ordinal));

    public Promotion? FindPromotion(string promotionId) =>
        Promotions.FirstOrDefault(p => string.Equals(p.PromotionId, promotionId, StringComparison.Ordinal));

    /// <summary>The promotion a code unlocks; codes are matched without regard to case.</summary>
    public Promotion? FindPromotionByCode(string code) =>
        Promotions.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A package at the region's price point (local minor units, set per region).</summary>
public sealed record CoinPackageOffer(string PackageId, long Coins, long BonusCoins, Money Price)
{
    /// <summary>Price per 100 coins, bonus included, rounded half up to a minor unit.</summary>
    public Money PricePer100Coins =>
        Price with { MinorUnits = MinorUnitMath.DivideRoundingHalfUp((Int128)Price.MinorUnits * 100, (Int128)Coins + BonusCoins) };
}

/// <summary>Whether displayed prices include tax.</summary>
public enum TaxDisplayMode
{
    Inclusive,
    Exclusive,
}
