using System.Diagnostics.Metrics;

namespace PaymentCore.Telemetry;

/// <summary>
/// What the reconciler could not settle, as of its last pass: per unsettled status, how many
/// recharges are left (of those unchanged for longer than <c>Reconciler:After</c>, at most one
/// batch) and how long the oldest has been unchanged. Each status is reported from the start, at
/// 0, so an alert on them never waits for a first stuck payment to exist. Every replica reports
/// the same store's backlog: aggregate with max(), not sum().
/// </summary>
public sealed class ReconcilerMetrics
{
    /// <summary>The statuses the reconciler settles, named as on recharges (and paymentcore_recharges_total).</summary>
    public static IReadOnlyList<string> UnsettledStatuses { get; } = ["PROCESSING", "UNKNOWN", "REQUIRES_ACTION"];

    private readonly Counter<long> _passes;
    private volatile IReadOnlyDictionary<string, (int Count, TimeSpan Oldest)> _left = Summarize([]);

    public ReconcilerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PaymentCoreMetrics.MeterName);
        meter.CreateObservableGauge(
            "paymentcore.reconciler.backlog",
            () => _left.Select(s => new Measurement<int>(s.Value.Count, new KeyValuePair<string, object?>("status", s.Key))),
            "{recharge}",
            "Recharges the last reconciler pass left unsettled, by status (at most Reconciler:BatchSize are looked at per pass).");
        meter.CreateObservableGauge(
            "paymentcore.reconciler.oldest_age",
            () => _left.Select(s => new Measurement<double>(s.Value.Oldest.TotalSeconds, new KeyValuePair<string, object?>("status", s.Key))),
            "s",
            "How long the oldest recharge the last reconciler pass left unsettled has been unchanged, by status; 0 when none is left.");
        _passes = meter.CreateCounter<long>(
            "paymentcore.reconciler.passes", "{pass}", "Reconciler passes, by result (completed, failed: e.g. the store was unreachable).");
    }

    /// <param name="leftUnsettled">Each recharge still unsettled after the pass: its status and how long it has been unchanged.</param>
    public void PassCompleted(IEnumerable<(string Status, TimeSpan UnchangedFor)> leftUnsettled)
    {
        _left = Summarize(leftUnsettled);
        _passes.Add(1, new KeyValuePair<string, object?>("result", "completed"));
    }

    /// <summary>A pass that failed leaves the last known backlog in place: it did not learn a new one.</summary>
    public void PassFailed() => _passes.Add(1, new KeyValuePair<string, object?>("result", "failed"));

    private static Dictionary<string, (int Count, TimeSpan Oldest)> Summarize(IEnumerable<(string Status, TimeSpan UnchangedFor)> left)
    {
        var summary = UnsettledStatuses.ToDictionary(s => s, _ => (Count: 0, Oldest: TimeSpan.Zero), StringComparer.Ordinal);
        foreach (var (status, unchangedFor) in left)
        {
            var (count, oldest) = summary.GetValueOrDefault(status);
            summary[status] = (count + 1, unchangedFor > oldest ? unchangedFor : oldest);
        }

        return summary;
    }
}
