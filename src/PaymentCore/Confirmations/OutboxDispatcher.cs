using PaymentCore.State;

namespace PaymentCore.Confirmations;

/// <summary>
/// Delivers outbox events to the wallet sink and acknowledges each only after the sink took it.
/// A failed delivery stays in the outbox and is retried on the next pass, with backoff.
/// </summary>
public sealed partial class OutboxDispatcher(
    IRechargeStore store,
    IWalletSink sink,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverBatchAsync(stoppingToken);
                failures = 0;
                if (delivered == 0)
                {
                    await Task.Delay(IdlePoll, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 16))));
                LogDeliveryFailed(e, failures, backoff);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Delivers one batch in order and returns how many events went out.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await store.ReadOutboxAsync(BatchSize, cancellationToken);
        foreach (var entry in batch)
        {
            await sink.ApplyAsync(entry.Event, cancellationToken);
            await store.AcknowledgeAsync([entry], cancellationToken);
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet delivery failed ({Failures} in a row); next try in {Backoff}")]
    private partial void LogDeliveryFailed(Exception exception, int failures, TimeSpan backoff);
}
