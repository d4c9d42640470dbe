using PaymentCore.State;

namespace PaymentCore.Confirmations;

/// <summary>
/// Delivery to one wallet. Shards are worked in parallel, events of one shard strictly in order
/// (so a user's events arrive in order): a failed event holds back its shard, with exponential
/// backoff and jitter, until it goes through or, after the last attempt, moves to the dead letters.
/// An event is acknowledged only after the wallet answered OK. A pass reads only the shards it is
/// told were appended to (<see cref="ShardDoorbell"/>) and those due again after a failure.
/// </summary>
public sealed partial class WalletLane(
    IWalletSink sink,
    IOutbox outbox,
    ShardDoorbell bell,
    string consumer,
    WalletOptions options,
    TimeProvider time,
    ConfirmationMetrics metrics,
    ILogger logger)
{
    private readonly Dictionary<int, DateTimeOffset> _heldUntil = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    private readonly HeldShards _held = new();
    private volatile bool _tookOver;

    public IWalletSink Sink => sink;

    /// <summary>Rung for every shard the outbox appends to; the lane reads those.</summary>
    public ShardDoorbell Bell => bell;

    /// <summary>When the first shard held back after a failure may be tried again; null when none is held back.</summary>
    public DateTimeOffset? NextRetryAt
    {
        get
        {
            lock (_heldUntil)
            {
                return _heldUntil.Count == 0 ? null : _heldUntil.Values.Min();
            }
        }
    }

    /// <summary>Entries of a stopped replica were handed to this consumer: the next pass reads what it holds on every shard.</summary>
    public void TookOver()
    {
        _tookOver = true;
        bell.RingAll();
    }

    /// <summary>
    /// One pass over the <paramref name="rung"/> shards and the held-back ones that are due again
    /// (shards still held back wait); returns how many events were delivered, and the shards whose
    /// read came back full (more may wait there: read them again at once).
    /// </summary>
    public async Task<(int Delivered, IReadOnlyCollection<int> Again)> DeliverAsync(IReadOnlyCollection<int> rung, CancellationToken cancellationToken)
    {
        if (_tookOver)
        {
            _tookOver = false;
            _held.MayHold(ShardSelection.AllShards);
        }

        var shards = ShardsToRead(rung, time.GetUtcNow());
        if (shards.Count == 0)
        {
            return (0, []);
        }

        try
        {
            var selection = _held.Select(shards);
            var entries = await outbox.ReadAsync(sink.Name, consumer, selection, options.BatchSize, cancellationToken);
            var runs = await Task.WhenAll(entries.GroupBy(e => e.Shard).Select(g => DeliverShardAsync(g.Key, g.ToList(), cancellationToken)));
            _held.Settled(selection, runs.Where(r => r.LeftHeld).Select(r => r.Shard), runs.Where(r => r.Read == options.BatchSize).Select(r => r.Shard));
            return (runs.Sum(r => r.Delivered), runs.Where(r => !r.LeftHeld && r.Read == options.BatchSize).Select(r => r.Shard).ToList());
        }
        catch
        {
            // A read whose answer was lost, or an acknowledgement that failed, leaves entries held by this consumer.
            _held.MayHold(shards);
            throw;
        }
    }

    private HashSet<int> ShardsToRead(IReadOnlyCollection<int> rung, DateTimeOffset now)
    {
        lock (_heldUntil)
        {
            var shards = rung.Concat(_heldUntil.Where(h => h.Value <= now).Select(h => h.Key)).ToHashSet();
            shards.RemoveWhere(s => _heldUntil.TryGetValue(s, out var until) && until > now);
            foreach (var due in shards)
            {
                _heldUntil.Remove(due);
            }

            return shards;
        }
    }

    private async Task<ShardRun> DeliverShardAsync(int shard, List<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        // Acknowledged together once the shard's run ends (one XACK, not one per event). A crash
        // before that delivers them again, which wallets answer OK by event id.
        var applied = new List<OutboxEntry>(entries.Count);
        var settled = 0;
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

                    settled++;
                    continue;
                }

                applied.Add(entry);
                settled++;
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

        return new ShardRun(shard, entries.Count, applied.Count, LeftHeld: settled < entries.Count);
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

    /// <param name="LeftHeld">Entries of the run were not acknowledged (a failure held the shard back): this consumer holds them.</param>
    private sealed record ShardRun(int Shard, int Read, int Delivered, bool LeftHeld);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet {Wallet} refused event {EventId} (failure {Failures}); retrying in {Backoff}: {Error}")]
    private partial void LogRetrying(string eventId, string wallet, int failures, TimeSpan backoff, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} moved to the dead letters of wallet {Wallet} after {Failures} failed deliveries")]
    private partial void LogDeadLettered(Exception error, string eventId, string wallet, int failures);
}
