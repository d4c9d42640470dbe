namespace PaymentCore.Catalog;

/// <summary>
/// The catalog in force: one immutable snapshot, replaced whole when a reload succeeds. A request
/// reads <see cref="Current"/> once and prices everything with that snapshot, so it never mixes
/// two catalogs.
/// </summary>
public sealed class CatalogSource(CoinCatalog initial)
{
    private volatile CoinCatalog _current = initial;

    public CoinCatalog Current => _current;

    public void Replace(CoinCatalog catalog) => _current = catalog;
}
