using Microsoft.Extensions.Diagnostics.HealthChecks;
using PaymentCore.State;

namespace PaymentCore.Stores;

/// <summary>Readiness: the state store answers. Without it PaymentCore refuses every mutating call.</summary>
public sealed class StoreHealthCheck(IRechargeStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy("The state store is unavailable.", e);
        }
    }
}
