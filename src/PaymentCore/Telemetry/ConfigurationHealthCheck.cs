using Microsoft.Extensions.Diagnostics.HealthChecks;
using PaymentCore.Catalog;

namespace PaymentCore.Telemetry;

/// <summary>Readiness: the configuration PaymentCore serves from is loaded (the catalog has regions to sell in).</summary>
public sealed class ConfigurationHealthCheck(CatalogSource catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Current.Regions.Any()
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The catalog has no regions."));
}
