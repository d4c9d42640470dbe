using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// The outbox that <see cref="IRechargeStore.CommitAsync"/> appends to, read per wallet: every
/// wallet has its own progress (a consumer group per wallet in Redis), entries of one shard are
/// read in order, and several PaymentCore replicas (consumers) share the work.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// For each selected shard, up to <paramref name="maxPerShard"/> entries the wallet has not
    /// acknowledged: first those this consumer already holds (for the shards of
    /// <see cref="ShardSelection.Holding"/>), then new ones, in order.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet, string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken);

    /// <summary>Takes over entries another consumer has held unacknowledged for longer than <paramref name="minIdle"/> (a crashed replica).</summary>
    Task<int> ClaimAbandonedAsync(string wallet, string consumer, TimeSpan minIdle, CancellationToken cancellationToken);

    /// <summary>The wallet applied the entries: they are never delivered to that wallet again.</summary>
    Task AcknowledgeAsync(string wallet, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Moves an entry the wallet keeps refusing to the wallet's dead-letter list (and acknowledges it).</summary>
    Task DeadLetterAsync(string wallet, OutboxEntry entry, string reason, CancellationToken cancellationToken);

    /// <summary>Puts every dead letter of the wallet back into the outbox; returns how many.</summary>
    Task<int> ReplayDeadLettersAsync(string wallet, CancellationToken cancellationToken);

    /// <summary>Entries waiting for the wallet (delivered but unacknowledged, or not yet delivered).</summary>
    Task<long> BacklogAsync(string wallet, CancellationToken cancellationToken);

    /// <summary>Dead letters waiting for a replay.</summary>
    Task<long> DeadLetterCountAsync(string wallet, CancellationToken cancellationToken);

    /// <summary>
    /// Drops entries every wallet has acknowledged: the given wallets in memory; in Redis every
    /// consumer group of the stream, so a replica with another wallet list never loses entries.
    /// </summary>
    Task TrimAsync(IReadOnlyCollection<string> wallets, CancellationToken cancellationToken);
}

/// <summary>An outbox event and the store's id of its entry.</summary>
public sealed record OutboxEntry(string EntryId, OutboxEvent Event)
{
    public int Shard => RechargeId.TryParseShard(Event.RechargeId, out var shard) ? shard : 0;
}
