using Microsoft.Extensions.Options;
using Npgsql;
using PaymentCore.State;

namespace PaymentCore.Ledger;

/// <summary>
/// Moves every recharge version from the hot store's ledger feed into PostgreSQL: read a batch
/// (what this replica holds first, then new entries), write it idempotently, then acknowledge.
/// A crash between write and acknowledgement only writes the batch again; entries a dead replica
/// held are taken over after <see cref="LedgerOptions.ClaimAfter"/>. While PostgreSQL is down the
/// entries wait in the feed, and the drainer tries again after <see cref="LedgerOptions.IdleDelay"/>.
/// It first applies the ledger's migrations, as soon as PostgreSQL answers. With a Redis audit
/// trail it moves the trail's oldest entries to the ledger too (<see cref="AuditDrain"/>).
/// </summary>
public sealed partial class LedgerDrainer(
    ILedgerFeed feed,
    LedgerWriter writer,
    LedgerMigrator migrator,
    LedgerMetrics metrics,
    IOptions<LedgerOptions> options,
    TimeProvider time,
    ILogger<LedgerDrainer> logger,
    AuditDrain? audit = null) : BackgroundService
{
    private static readonly TimeSpan MeasureEvery = TimeSpan.FromSeconds(1);

    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await MigrateAsync(settings, stoppingToken);
        var lastClaim = DateTimeOffset.MinValue;
        var lastMeasure = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var drainedAny = false;
            try
            {
                var now = time.GetUtcNow();
                if (now - lastClaim >= settings.ClaimAfter / 2)
                {
                    lastClaim = now;
                    await feed.ClaimAbandonedAsync(_consumer, settings.ClaimAfter, stoppingToken);
                }

                if (now - lastMeasure >= MeasureEvery)
                {
                    lastMeasure = now;
                    var oldest = await feed.OldestUndrainedAsync(stoppingToken);
                    metrics.Lag(oldest is null ? TimeSpan.Zero : now - oldest.Value);
                    await feed.SweepExpiredAsync(stoppingToken);
                }

                drainedAny = await DrainOnceAsync(settings, stoppingToken);
                drainedAny |= await DrainAuditOnceAsync(settings, stoppingToken);
            }
            catch (StoreUnavailableException e)
            {
                LogHotStoreUnavailable(e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (!drainedAny)
            {
                await DelayAsync(settings.IdleDelay, stoppingToken);
            }
        }
    }

    /// <summary>One batch: true when something was drained (so the next one follows at once).</summary>
    private async Task<bool> DrainOnceAsync(LedgerOptions settings, CancellationToken stoppingToken)
    {
        var entries = await feed.ReadAsync(_consumer, settings.BatchSize, stoppingToken);
        if (entries.Count == 0)
        {
            return false;
        }

        try
        {
            await writer.WriteAsync(entries, stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or StoreUnavailableException && !stoppingToken.IsCancellationRequested)
        {
            // Not acknowledged: the entries stay held by this consumer and are written next time.
            metrics.DrainFailed();
            LogLedgerUnavailable(entries.Count, e.Message);
            return false;
        }

        await feed.AcknowledgeAsync(entries, stoppingToken);
        metrics.Drained(entries.Count);
        return true;
    }

    private async Task<bool> DrainAuditOnceAsync(LedgerOptions settings, CancellationToken stoppingToken)
    {
        if (audit is null)
        {
            return false;
        }

        try
        {
            var moved = await audit.DrainOnceAsync(settings.BatchSize, stoppingToken);
            if (moved > 0)
            {
                metrics.AuditDrained(moved);
            }

            return moved > 0;
        }
        catch (NpgsqlException e) when (!stoppingToken.IsCancellationRequested)
        {
            // Still in Redis: moved next time.
            metrics.DrainFailed();
            LogAuditNotTaken(e.Message);
            return false;
        }
    }

    private async Task MigrateAsync(LedgerOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                return;
            }
            catch (NpgsqlException e) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.DrainFailed();
                LogLedgerUnavailable(0, e.Message);
                await DelayAsync(settings.IdleDelay, stoppingToken);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger did not take {Count} versions; they stay buffered and are written again: {Reason}")]
    private partial void LogLedgerUnavailable(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger did not take audit entries; they stay in Redis and are moved again: {Reason}")]
    private partial void LogAuditNotTaken(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hot store is unavailable to the ledger drainer: {Reason}")]
    private partial void LogHotStoreUnavailable(string reason);
}
