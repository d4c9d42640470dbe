using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>A validated QuoteRecharge.</summary>
/// <param name="Item">A package or a custom amount; never a quote.</param>
/// <param name="PromoCode">The code the user entered, if any.</param>
public sealed record QuoteOrder(string UserId, RegionCatalog Region, ItemChoice Item, string? PromoCode);
