namespace PaymentCore.State;

/// <summary>
/// The shards one consumer may hold entries of, delivered to it but not acknowledged (see
/// <see cref="ShardSelection"/>): every shard at first, to be sure. Kept by one reader's loop (a
/// wallet lane, the ledger drainer), which alone touches it.
/// </summary>
public sealed class HeldShards
{
    private readonly HashSet<int> _shards = [.. ShardSelection.AllShards];

    /// <summary>What to read of <paramref name="shards"/>: their new entries, and first the held ones where there may be some.</summary>
    public ShardSelection Select(IReadOnlySet<int> shards) => new(shards, _shards.Where(shards.Contains).ToHashSet());

    /// <summary>Entries of these shards may be held now: a read whose answer was lost, a failed write or acknowledgement, a takeover.</summary>
    public void MayHold(IEnumerable<int> shards) => _shards.UnionWith(shards);

    /// <summary>
    /// A pass over <paramref name="read"/> went through: nothing is held there any more, except on
    /// the shards that left entries unacknowledged, and on those whose held entries came back a full
    /// batch (more of them may follow).
    /// </summary>
    public void Settled(ShardSelection read, IEnumerable<int> leftHeld, IEnumerable<int> full)
    {
        _shards.ExceptWith(read.Shards);
        _shards.UnionWith(leftHeld);
        _shards.UnionWith(full.Where(read.Holding.Contains));
    }
}
