using PaymentCore.Adapters;
using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>A price locked by QuoteRecharge until <see cref="ExpiresAt"/>; <see cref="QuoteId"/> carries it, signed.</summary>
/// <param name="Tax">The tax <see cref="PriceBreakdown.Price"/> contains, where the region states it.</param>
public sealed record PriceQuote(
    string QuoteId,
    RegionCatalog Region,
    string? PackageId,
    long Coins,
    PriceBreakdown Breakdown,
    Money? Tax,
    DateTimeOffset ExpiresAt);
