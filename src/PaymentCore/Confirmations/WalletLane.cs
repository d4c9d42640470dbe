using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Confirmations;

/// <summary>
/// Delivery to one wallet. Shards are worked in parallel, events of one shard strictly in order
/// (so a user's events arrive in order): a failed event holds back its shard, with exponential
/// backoff and jitter, until it goes through or, after the last attempt, moves to the dead letters.
/// An event is acknowledged only after the wallet answered OK.
/// </summary>
public sealed partial class WalletLane(
    IWalletSink sink,
    IOutbox outbox,
    string consumer,
    WalletOptions options,
    TimeProvider time,
    ConfirmationMetrics metrics,
    ILogger logger)
{
    private static readonly IReadOnlyList<int> AllShards = Enumerable.Range(0, RechargeId.ShardCount).ToList();
    private readonly Dictionary<int, DateTimeOffset> _heldUntil = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public IWalletSink Sink => sink;

    /// <summary>One pass over every shard that is not held back; returns how many events were delivered.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shards = AllShards.Where(s => !_heldUntil.TryGetValue(s, out var until) || until <= now).ToList();
        var entries = await outbox.ReadAsync(sink.Name, consumer, shards, options.BatchSize, cancellationToken);
        var delivered = await Task.WhenAll(entries.GroupBy(e => e.Shard).Select(g => DeliverShardAsync(g.Key, g.ToList(), cancellationToken)));
        return delivered.Sum();
    }

    private async Task<int> DeliverShardAsync(int shard, List<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        // Acknowledged together once the shard's run ends (one XACK, not one per event). A crash
        // before that delivers them again, which wallets answer OK by event id.
        var applied = new List<OutboxEntry>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                try
                {
                    await sink.ApplyAsync(entry.Event, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    if (!await FailedAsync(shard, entry, e, cancellationToken))
                    {
                        break;
                    }

                    continue;
                }

                applied.Add(entry);
                lock (_failures)
                {
                    _failures.Remove(entry.EntryId);
                }

                metrics.Delivered(sink.Name);
            }
        }
        finally
        {
            if (applied.Count > 0)
            {
                await outbox.AcknowledgeAsync(sink.Name, applied, CancellationToken.None);
            }
        }

        return applied.Count;
    }

    /// <summary>Counts a failure; true when the event went to the dead letters and the shard can go on.</summary>
    private async Task<bool> FailedAsync(int shard, OutboxEntry entry, Exception error, CancellationToken cancellationToken)
    {
        int failures;
        lock (_failures)
        {
            failures = _failures[entry.EntryId] = _failures.GetValueOrDefault(entry.EntryId) + 1;
        }

        metrics.DeliveryFailed(sink.Name);
        if (failures >= options.MaxAttempts)
        {
            LogDeadLettered(error, entry.Event.EventId, sink.Name, failures);
            await outbox.DeadLetterAsync(sink.Name, entry, error.Message, cancellationToken);
            metrics.DeadLettered(sink.Name);
            lock (_failures)
            {
                _failures.Remove(entry.EntryId);
            }

            return true;
        }

        var backoff = Backoff(failures);
        lock (_heldUntil)
        {
            _heldUntil[shard] = time.GetUtcNow() + backoff;
        }

        LogRetrying(entry.Event.EventId, sink.Name, failures, backoff, error.Message);
        return false;
    }

    /// <summary>Exponential backoff with full jitter: uniformly between half and all of base·2^(n-1), capped.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(options.RetryMax.TotalMilliseconds, options.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet {Wallet} refused event {EventId} (failure {Failures}); retrying in {Backoff}: {Error}")]
    private partial void LogRetrying(string eventId, string wallet, int failures, TimeSpan backoff, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} moved to the dead letters of wallet {Wallet} after {Failures} failed deliveries")]
    private partial void LogDeadLettered(Exception error, string eventId, string wallet, int failures);
}
