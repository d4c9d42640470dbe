using Microsoft.Extensions.Options;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Telemetry;

namespace PaymentCore.Orchestration;

/// <summary>
/// Moves recharges stuck in PROCESSING, UNKNOWN or REQUIRES_ACTION to their real final state by
/// asking their gateway, so a timeout or a crash never leaves a payment unsettled or uncredited.
/// Several replicas may run it at once: each change is a compare-and-set, so one wins. Each pass also
/// completes the saves of credited purchases that a crash kept from saving their instrument.
/// </summary>
public sealed partial class Reconciler(
    IRechargeStore store,
    RechargeOrchestrator orchestrator,
    SavedInstrumentBook savedInstruments,
    IOptions<ReconcilerOptions> options,
    ReconcilerMetrics metrics,
    TimeProvider time,
    ILogger<Reconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await ReconcileOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.PassFailed();
                LogPassFailed(e);
            }
        }
    }

    /// <summary>One pass; returns how many recharges changed.</summary>
    public async Task<int> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var unsettled = await store.ListUnsettledAsync(time.GetUtcNow() - settings.After, settings.BatchSize, cancellationToken);
        var changed = 0;
        var left = new List<(string, TimeSpan)>();
        foreach (var recharge in unsettled)
        {
            var after = await orchestrator.ReconcileAsync(recharge, settings.AbandonActionAfter);
            changed += after.Status == recharge.Status ? 0 : 1;
            if (after.Version == recharge.Version)
            {
                // Still waiting (a voucher not paid yet, a debit still collecting): behind the others next time.
                await store.LookedAtAsync(after, time.GetUtcNow(), cancellationToken);
            }

            if (MetricStatus(after.Status) is { } status)
            {
                left.Add((status, time.GetUtcNow() - after.UpdatedAt));
            }
        }

        // Purchases credited without their instrument saved (a crash came between the two).
        await savedInstruments.CompletePendingSavesAsync(time.GetUtcNow() - settings.After, settings.BatchSize);
        metrics.PassCompleted(left);
        return changed;
    }

    /// <summary>An unsettled status as metrics name it (<see cref="ReconcilerMetrics.UnsettledStatuses"/>); null for a settled one.</summary>
    private static string? MetricStatus(RechargeStatus status) => status switch
    {
        RechargeStatus.Processing => "PROCESSING",
        RechargeStatus.Unknown => "UNKNOWN",
        RechargeStatus.RequiresAction => "REQUIRES_ACTION",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation pass failed; retrying at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
