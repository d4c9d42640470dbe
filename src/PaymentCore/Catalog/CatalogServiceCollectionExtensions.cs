using PaymentCore.Startup;

namespace PaymentCore.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the catalog at startup: <c>Catalog:Path</c>, or the embedded demo
    /// catalog when unset. A bad catalog stops the process with every problem named. A catalog
    /// file is then watched and reloaded when it changes (see <see cref="CatalogWatcher"/>).
    /// </summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var path = configuration[$"{CatalogOptions.Section}:Path"];
        var catalog = string.IsNullOrWhiteSpace(path) ? CatalogLoader.LoadEmbeddedDemo() : LoadAtStartup(path);
        services.AddSingleton(new CatalogSource(catalog));
        if (!string.IsNullOrWhiteSpace(path))
        {
            services.AddHostedService<CatalogStartupCheck>();
            services.AddHostedService<CatalogWatcher>();
        }

        return services;
    }

    /// <summary>A catalog file that is faulty, missing or unreadable stops startup, naming it.</summary>
    private static CoinCatalog LoadAtStartup(string path)
    {
        try
        {
            return CatalogLoader.LoadFile(path);
        }
        catch (CatalogException e)
        {
            StartupRefusal.Mark(e);
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StartupRefusal.Mark(new CatalogException(path, [$"cannot be read ({CatalogOptions.Section}:Path): {e.Message}"]));
        }
    }
}
