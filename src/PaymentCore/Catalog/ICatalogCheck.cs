namespace PaymentCore.Catalog;

/// <summary>
/// A requirement another feature places on every catalog it serves (e.g. the limits need an
/// exchange rate for every currency sold). A reloaded catalog that fails one is rejected.
/// </summary>
public interface ICatalogCheck
{
    /// <summary>Each problem naming the region and field, as the catalog loader does; empty when none.</summary>
    IEnumerable<string> ProblemsWith(CoinCatalog catalog);
}
