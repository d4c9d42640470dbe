namespace PaymentCore.State;

/// <summary>
/// Where the hot store leaves each new version for the ledger: per-shard Redis streams read by a
/// consumer group (several replicas share the work; a dead one's entries are taken over), or a
/// queue in memory. An entry stays until it is acknowledged after PostgreSQL took it: at least once.
/// </summary>
public interface ILedgerFeed
{
    /// <summary>
    /// Up to <paramref name="maxPerShard"/> entries per selected shard: first those this consumer
    /// already holds (for the shards of <see cref="ShardSelection.Holding"/>), then new ones, in order.
    /// </summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken);

    /// <summary>Takes over entries another consumer has held unacknowledged for longer than <paramref name="minIdle"/>.</summary>
    Task<int> ClaimAbandonedAsync(string consumer, TimeSpan minIdle, CancellationToken cancellationToken);

    /// <summary>The ledger holds the entries: they leave the feed, and settled recharges start their hot-copy expiry.</summary>
    Task AcknowledgeAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken);

    /// <summary>When the oldest entry not yet drained was appended; null when everything is drained.</summary>
    Task<DateTimeOffset?> OldestUndrainedAsync(CancellationToken cancellationToken);

    /// <summary>Drops what points at hot copies that expired (the users' index members in Redis).</summary>
    Task SweepExpiredAsync(CancellationToken cancellationToken);
}
