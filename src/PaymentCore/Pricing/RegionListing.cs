using PaymentCore.Adapters;
using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>A region's offer as ListPackages shows it right now: its packages, custom amounts and running promotions.</summary>
public sealed record RegionListing(RegionCatalog Region, IReadOnlyList<PackageListing> Packages, CustomCoinsListing? CustomCoins);

/// <summary>A package and the promotions that apply to it now.</summary>
public sealed record PackageListing(CoinPackageOffer Offer, IReadOnlyList<PromotionListing> Promotions);

/// <summary>Custom amounts and the promotions that apply to them now.</summary>
public sealed record CustomCoinsListing(CustomCoinsOffer Offer, IReadOnlyList<PromotionListing> Promotions);

/// <summary>A promotion as listed with an item.</summary>
/// <param name="Price">The item's price with this promotion alone; null when it only adds coins, or for custom amounts.</param>
public sealed record PromotionListing(Promotion Promotion, Money? Price);
