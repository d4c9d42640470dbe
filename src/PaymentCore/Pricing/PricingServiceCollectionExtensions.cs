namespace PaymentCore.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>Pricing, quotes (signed with <c>Catalog:QuoteSigningKey</c>) and the guard that holds a price during a recharge.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddSingleton<QuoteSigner>();
        services.AddSingleton<PurchaseHistory>();
        services.AddSingleton<RechargePricing>();
        return services.AddSingleton<PriceGuard>();
    }
}
