using PaymentCore.Catalog;

namespace PaymentCore.Limits;

/// <summary>
/// Limits count amounts in the reference currency, so every currency a catalog sells in needs an
/// exchange rate under Limits:ExchangeRates. <see cref="LimitPolicy"/> checks the catalog of the
/// startup; this check refuses a reloaded catalog that breaks the rule.
/// </summary>
public sealed class LimitRatesCatalogCheck(LimitPolicy policy) : ICatalogCheck
{
    public IEnumerable<string> ProblemsWith(CoinCatalog catalog) =>
        catalog.Regions
            .Where(r => !policy.Reference.Knows(r.Currency))
            .Select(r => $"region {r.RegionCode}, currency: no exchange rate from {r.Currency} to {policy.Reference.ReferenceCurrency} under Limits:ExchangeRates");
}
