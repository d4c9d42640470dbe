using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PaymentCore.Ledger;

/// <summary>
/// Readiness of the ledger: degraded, never down, while PostgreSQL is unreachable or behind.
/// Recharges go on (the hot store buffers every version), so the replica keeps serving; the
/// degradation and the lag metric tell an operator to look.
/// </summary>
public sealed class LedgerHealthCheck(LedgerMetrics metrics) : IHealthCheck
{
    /// <summary>A lag past this degrades readiness even while the writes succeed (the drainer does not keep up).</summary>
    private static readonly TimeSpan BehindAfter = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            metrics.Failing ? HealthCheckResult.Degraded("The ledger (PostgreSQL) is unavailable; recharges are buffered in the hot store.")
            : metrics.LagSeconds > BehindAfter.TotalSeconds ? HealthCheckResult.Degraded("The ledger is more than five minutes behind.")
            : HealthCheckResult.Healthy());
}
