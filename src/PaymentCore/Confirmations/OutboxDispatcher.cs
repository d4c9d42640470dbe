using Microsoft.Extensions.Options;
using PaymentCore.State;

namespace PaymentCore.Confirmations;

/// <summary>
/// Delivers the outbox to every wallet, each through its own <see cref="WalletLane"/>, and keeps
/// the outbox healthy: takes over events a crashed replica held, trims what every wallet
/// acknowledged, and publishes the backlog and dead-letter levels.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutbox outbox,
    ShardDoorbells doorbells,
    IEnumerable<IWalletSink> sinks,
    IOptions<WalletOptions> options,
    TimeProvider time,
    ConfirmationMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How often a lane reads every shard although none rang: what a lost ring can delay an event by.</summary>
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);

    /// <summary>How long a lane lets rings gather before it reads: fewer, fuller reads under load.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Claims and levels: each pass costs a few commands per shard, so it runs seldom while idle.
    /// An event a stopped replica held waits ClaimAbandonedAfter plus at most this long (or plus
    /// ClaimAbandonedAfter, when that is shorter).
    /// </summary>
    private static readonly TimeSpan MaintenanceEvery = TimeSpan.FromSeconds(30);

    /// <summary>Trimming what every wallet acknowledged can wait longer: it only frees memory.</summary>
    private const int TrimEveryNth = 4;

    /// <summary>This replica's consumer name in every wallet's consumer group.</summary>
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lanes = sinks.Select(sink => new WalletLane(sink, outbox, doorbells.Open(ShardStream.Outbox), _consumer, settings, time, metrics, logger)).ToList();
        return Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, stoppingToken)).Append(MaintainAsync(lanes, settings, stoppingToken)));
    }

    /// <summary>Waits for a ring (or the sweep, or a held-back shard's retry), then delivers what the rung shards hold.</summary>
    private async Task RunLaneAsync(WalletLane lane, CancellationToken stoppingToken)
    {
        var bell = lane.Bell;
        var sweepAt = time.GetUtcNow() + Sweep;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wakeAt = lane.NextRetryAt is { } retry && retry < sweepAt ? retry : sweepAt;
            var rung = await bell.WaitAsync(wakeAt - time.GetUtcNow(), time, stoppingToken);
            if (time.GetUtcNow() >= sweepAt)
            {
                rung = ShardSelection.AllShards;
                sweepAt = time.GetUtcNow() + Sweep;
            }
            else if (rung.Count > 0)
            {
                await Task.Delay(Gather, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                rung = [.. rung, .. await bell.WaitAsync(TimeSpan.Zero, time, stoppingToken)];
            }

            try
            {
                bell.Ring((await lane.DeliverAsync(rung, stoppingToken)).Again);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e, lane.Sink.Name);
                bell.Ring(rung);
                await Task.Delay(PauseAfterFailure, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Every <see cref="MaintenanceEvery"/> (or ClaimAbandonedAfter, when shorter): takes over
    /// what stopped replicas held and publishes the levels; every <see cref="TrimEveryNth"/> pass trims.
    /// </summary>
    private async Task MaintainAsync(IReadOnlyList<WalletLane> lanes, WalletOptions settings, CancellationToken stoppingToken)
    {
        var wallets = lanes.Select(l => l.Sink.Name).ToList();
        var interval = TimeSpan.FromTicks(Math.Min(MaintenanceEvery.Ticks, settings.ClaimAbandonedAfter.Ticks));
        // The first pass at once: the levels are on /metrics from the start.
        for (var pass = 1; !stoppingToken.IsCancellationRequested; pass++)
        {
            try
            {
                foreach (var lane in lanes)
                {
                    var wallet = lane.Sink.Name;
                    var claimed = await outbox.ClaimAbandonedAsync(wallet, _consumer, settings.ClaimAbandonedAfter, stoppingToken);
                    if (claimed > 0)
                    {
                        LogClaimed(claimed, wallet);
                        lane.TookOver();
                    }

                    metrics.Levels(wallet, await outbox.BacklogAsync(wallet, stoppingToken), await outbox.DeadLetterCountAsync(wallet, stoppingToken));
                }

                if (pass % TrimEveryNth == 0)
                {
                    await outbox.TrimAsync(wallets, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMaintenanceFailed(e);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery pass for wallet {Wallet} failed; retrying shortly")]
    private partial void LogPassFailed(Exception exception, string wallet);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} events of wallet {Wallet} that a stopped replica held")]
    private partial void LogClaimed(int count, string wallet);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox maintenance failed; retrying shortly")]
    private partial void LogMaintenanceFailed(Exception exception);
}
