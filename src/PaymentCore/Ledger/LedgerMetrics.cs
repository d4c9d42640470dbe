using System.Diagnostics.Metrics;
using PaymentCore.Telemetry;

namespace PaymentCore.Ledger;

/// <summary>
/// The drainer's metrics (meter "PaymentCore"), and what readiness reads: whether PostgreSQL took
/// the last batch and how far the ledger is behind.
/// </summary>
public sealed class LedgerMetrics
{
    private readonly Counter<long> _drained;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _auditDrained;
    private double _lagSeconds;
    private int _failing;

    public LedgerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PaymentCoreMetrics.MeterName);
        _drained = meter.CreateCounter<long>("paymentcore.ledger.drained", "{version}", "Recharge versions written to the ledger (PostgreSQL).");
        _failures = meter.CreateCounter<long>("paymentcore.ledger.drain_failures", "{batch}", "Batches the ledger did not take (PostgreSQL unreachable or failing); they are tried again.");
        _auditDrained = meter.CreateCounter<long>("paymentcore.ledger.audit_drained", "{entry}", "Audit trail entries moved from Redis to the ledger (PostgreSQL).");
        // Exported at 0 from the start, so rate() over it reads 0 rather than nothing before the first failure.
        _failures.Add(0);
        meter.CreateObservableGauge("paymentcore.ledger.drain_lag", () => Volatile.Read(ref _lagSeconds), "s",
            "Age of the oldest recharge version not yet in the ledger (0 when all are): the Redis buffer while PostgreSQL is behind or down.");
    }

    public double LagSeconds => Volatile.Read(ref _lagSeconds);

    /// <summary>True while the last attempt to write to the ledger failed.</summary>
    public bool Failing => Volatile.Read(ref _failing) == 1;

    public void Drained(int versions)
    {
        _drained.Add(versions);
        Volatile.Write(ref _failing, 0);
    }

    public void AuditDrained(int entries)
    {
        _auditDrained.Add(entries);
        Volatile.Write(ref _failing, 0);
    }

    public void DrainFailed()
    {
        _failures.Add(1);
        Volatile.Write(ref _failing, 1);
    }

    public void Lag(TimeSpan lag) => Volatile.Write(ref _lagSeconds, Math.Max(0, lag.TotalSeconds));
}
