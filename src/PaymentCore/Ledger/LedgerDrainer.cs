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
    ShardDoorbells doorbells,
    AuditDrain? audit = null) : BackgroundService
{
    /// <summary>Lag and the expiry sweep: a page fires after ten minutes of lag, so measuring often buys nothing.</summary>
    private static readonly TimeSpan MeasureEvery = TimeSpan.FromSeconds(30);

    /// <summary>While the ledger (or Redis) fails, the lag is what operators watch: measured every second then.</summary>
    private static readonly TimeSpan MeasureEveryWhileFailing = TimeSpan.FromSeconds(1);

    /// <summary>How often every shard is read although none rang: what a lost ring can delay a version by.</summary>
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);

    /// <summary>How long rings gather before a read: fewer, fuller reads under load.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..];

    private readonly HeldShards _held = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var bell = doorbells.Open(ShardStream.Ledger);
        await MigrateAsync(settings, stoppingToken);
        var lastClaim = DateTimeOffset.MinValue;
        var lastMeasure = DateTimeOffset.MinValue;
        var sweepAt = time.GetUtcNow() + Sweep;
        var measureEvery = MeasureEvery;
        IReadOnlyCollection<int> rung = await bell.WaitAsync(TimeSpan.Zero, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Pass pass;
            try
            {
                var now = time.GetUtcNow();
                if (now - lastClaim >= settings.ClaimAfter)
                {
                    lastClaim = now;
                    if (await feed.ClaimAbandonedAsync(_consumer, settings.ClaimAfter, stoppingToken) > 0)
                    {
                        _held.MayHold(ShardSelection.AllShards);
                        rung = ShardSelection.AllShards;
                    }
                }

                if (now - lastMeasure >= measureEvery)
                {
                    lastMeasure = now;
                    var oldest = await feed.OldestUndrainedAsync(stoppingToken);
                    metrics.Lag(oldest is null ? TimeSpan.Zero : now - oldest.Value);
                    await feed.SweepExpiredAsync(stoppingToken);
                }

                if (now >= sweepAt)
                {
                    sweepAt = now + Sweep;
                    rung = ShardSelection.AllShards;
                }

                var woken = rung.Count > 0;
                pass = await DrainOnceAsync(settings, rung, stoppingToken);
                // The audit trail moves whenever the drainer was woken (an append rings it too) or swept.
                if (woken && pass.Outcome != Outcome.Failed && await DrainAuditOnceAsync(settings, stoppingToken))
                {
                    pass = pass with { Outcome = Outcome.Drained };
                }
            }
            catch (StoreUnavailableException e)
            {
                LogHotStoreUnavailable(e.Message);
                pass = new Pass(Outcome.Failed, []);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            measureEvery = pass.Outcome == Outcome.Failed ? MeasureEveryWhileFailing : MeasureEvery;
            switch (pass.Outcome)
            {
                case Outcome.Drained:
                    // Go on at once with what came back full and what rang meanwhile.
                    rung = [.. pass.Again, .. await bell.WaitAsync(TimeSpan.Zero, time, stoppingToken)];
                    break;
                case Outcome.Failed:
                    // The same shards again (this consumer may hold their entries now), after a pause.
                    await DelayAsync(settings.IdleDelay, stoppingToken);
                    rung = [.. rung, .. await bell.WaitAsync(TimeSpan.Zero, time, stoppingToken)];
                    break;
                default:
                    var nextChore = new[] { sweepAt, lastClaim + settings.ClaimAfter, lastMeasure + measureEvery }.Min();
                    rung = await bell.WaitAsync(nextChore - time.GetUtcNow(), time, stoppingToken);
                    if (rung.Count > 0)
                    {
                        await DelayAsync(Gather, stoppingToken);
                        rung = [.. rung, .. await bell.WaitAsync(TimeSpan.Zero, time, stoppingToken)];
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// One batch from the <paramref name="rung"/> shards; when something was drained, the shards to
    /// read again at once (their read came back full: more may wait).
    /// </summary>
    private async Task<Pass> DrainOnceAsync(LedgerOptions settings, IReadOnlyCollection<int> rung, CancellationToken stoppingToken)
    {
        if (rung.Count == 0)
        {
            return new Pass(Outcome.Nothing, []);
        }

        var selection = _held.Select(rung.ToHashSet());
        IReadOnlyList<LedgerEntry> entries;
        try
        {
            entries = await feed.ReadAsync(_consumer, selection, settings.BatchSize, stoppingToken);
        }
        catch
        {
            // A read whose answer was lost may have handed entries to this consumer.
            _held.MayHold(selection.Shards);
            throw;
        }

        if (entries.Count == 0)
        {
            _held.Settled(selection, [], []);
            return new Pass(Outcome.Nothing, []);
        }

        try
        {
            await writer.WriteAsync(entries, stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or StoreUnavailableException && !stoppingToken.IsCancellationRequested)
        {
            // Not acknowledged: the entries stay held by this consumer and are written next time.
            _held.MayHold(selection.Shards);
            metrics.DrainFailed();
            LogLedgerUnavailable(entries.Count, e.Message);
            return new Pass(Outcome.Failed, []);
        }

        try
        {
            await feed.AcknowledgeAsync(entries, stoppingToken);
        }
        catch
        {
            _held.MayHold(selection.Shards);
            throw;
        }

        metrics.Drained(entries.Count);
        var full = entries.GroupBy(e => e.Shard).Where(g => g.Count() == settings.BatchSize).Select(g => g.Key).ToList();
        _held.Settled(selection, [], full);
        return new Pass(Outcome.Drained, full);
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

    private enum Outcome
    {
        Nothing,
        Drained,
        Failed,
    }

    private sealed record Pass(Outcome Outcome, IReadOnlyCollection<int> Again);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger did not take {Count} versions; they stay buffered and are written again: {Reason}")]
    private partial void LogLedgerUnavailable(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger did not take audit entries; they stay in Redis and are moved again: {Reason}")]
    private partial void LogAuditNotTaken(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hot store is unavailable to the ledger drainer: {Reason}")]
    private partial void LogHotStoreUnavailable(string reason);
}
