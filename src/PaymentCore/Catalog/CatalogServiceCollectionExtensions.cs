namespace PaymentCore.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the catalog at startup: <c>Catalog:Path</c>, or the embedded demo
    /// catalog when unset. A bad catalog stops the process with every problem named.
    /// </summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["Catalog:Path"];
        var catalog = string.IsNullOrWhiteSpace(path) ? CatalogLoader.LoadEmbeddedDemo() : CatalogLoader.LoadFile(path);
        return services.AddSingleton(catalog);
    }
}
