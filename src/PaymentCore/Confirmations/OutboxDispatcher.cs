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
    IEnumerable<IWalletSink> sinks,
    IOptions<WalletOptions> options,
    TimeProvider time,
    ConfirmationMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan IdlePollMax = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(5);

    /// <summary>This replica's consumer name in every wallet's consumer group.</summary>
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lanes = sinks.Select(sink => new WalletLane(sink, outbox, _consumer, settings, time, metrics, logger)).ToList();
        return Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, stoppingToken)).Append(MaintainAsync(lanes, stoppingToken)));
    }

    private async Task RunLaneAsync(WalletLane lane, CancellationToken stoppingToken)
    {
        var idle = BusyPoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Busy: go on at once. Idle: poll less and less often, up to IdlePollMax.
                idle = await lane.DeliverAsync(stoppingToken) > 0 ? BusyPoll : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, IdlePollMax.Ticks));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e, lane.Sink.Name);
                idle = IdlePollMax;
            }

            await Task.Delay(idle, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task MaintainAsync(IReadOnlyList<WalletLane> lanes, CancellationToken stoppingToken)
    {
        var wallets = lanes.Select(l => l.Sink.Name).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(MaintenanceInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                foreach (var wallet in wallets)
                {
                    var claimed = await outbox.ClaimAbandonedAsync(wallet, _consumer, options.Value.ClaimAbandonedAfter, stoppingToken);
                    if (claimed > 0)
                    {
                        LogClaimed(claimed, wallet);
                    }

                    metrics.Levels(wallet, await outbox.BacklogAsync(wallet, stoppingToken), await outbox.DeadLetterCountAsync(wallet, stoppingToken));
                }

                await outbox.TrimAsync(wallets, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMaintenanceFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery pass for wallet {Wallet} failed; retrying shortly")]
    private partial void LogPassFailed(Exception exception, string wallet);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} events of wallet {Wallet} that a stopped replica held")]
    private partial void LogClaimed(int count, string wallet);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox maintenance failed; retrying shortly")]
    private partial void LogMaintenanceFailed(Exception exception);
}
