using System.Collections.Frozen;
using PaymentCore.Adapters;

namespace PaymentCore.Catalog;

/// <summary>The validated catalog: what each region sells, at which price points, paid how.</summary>
public sealed class CoinCatalog(IEnumerable<RegionCatalog> regions, string source)
{
    private readonly FrozenDictionary<string, RegionCatalog> _regions =
        regions.ToFrozenDictionary(r => r.RegionCode, StringComparer.Ordinal);

    /// <summary>Where the catalog came from, for log lines and errors.</summary>
    public string Source { get; } = source;

    public IEnumerable<RegionCatalog> Regions => _regions.Values;

    public bool TryGetRegion(string regionCode, out RegionCatalog region) =>
        _regions.TryGetValue(regionCode, out region!);
}

/// <summary>One region's offer.</summary>
/// <param name="GatewaysByMethod">Per payment method, the gateways to try, in order.</param>
public sealed record RegionCatalog(
    string RegionCode,
    string Currency,
    TaxDisplayMode TaxDisplay,
    IReadOnlyList<CoinPackageOffer> Packages,
    IReadOnlyDictionary<PaymentMethodType, IReadOnlyList<string>> GatewaysByMethod)
{
    public CoinPackageOffer? FindPackage(string packageId) =>
        Packages.FirstOrDefault(p => string.Equals(p.PackageId, packageId, StringComparison.Ordinal));
}

/// <summary>A package at the region's price point (local minor units, set per region).</summary>
public sealed record CoinPackageOffer(string PackageId, long Coins, long BonusCoins, Money Price)
{
    /// <summary>Price per 100 coins, bonus included, rounded half up to a minor unit.</summary>
    public Money PricePer100Coins
    {
        get
        {
            var totalCoins = (Int128)Coins + BonusCoins;
            var scaled = (Int128)Price.MinorUnits * 100;
            return Price with { MinorUnits = (long)((scaled * 2 + totalCoins) / (totalCoins * 2)) };
        }
    }
}

/// <summary>Whether displayed prices include tax.</summary>
public enum TaxDisplayMode
{
    Inclusive,
    Exclusive,
}
