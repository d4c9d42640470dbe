using Microsoft.Extensions.Options;
using PaymentCore.Startup;

namespace PaymentCore.Catalog;

/// <summary>
/// Holds a catalog file to every feature's <see cref="ICatalogCheck"/> before the host serves: a
/// problem stops startup with the file and each region and field named, as a reload would be
/// refused. The file's own contents were validated when it was loaded.
/// </summary>
public sealed class CatalogStartupCheck(CatalogSource source, IEnumerable<ICatalogCheck> checks, IOptions<CatalogOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Path is { } path && checks.SelectMany(c => c.ProblemsWith(source.Current)).ToList() is { Count: > 0 } problems)
        {
            throw StartupRefusal.Mark(new CatalogException(path, problems));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
