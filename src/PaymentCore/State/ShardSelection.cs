using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// Which shard streams a reader reads in one pass (<see cref="Shards"/>: their new entries), and of
/// those, which may still hold entries delivered to this consumer but not acknowledged
/// (<see cref="Holding"/>: those are read first, so a shard's entries stay in order). A consumer holds
/// entries only after a pass that did not acknowledge all it read, or after taking over a dead
/// consumer's: reading held entries of every shard on every pass would double the reads for nothing.
/// </summary>
public sealed record ShardSelection(IReadOnlyCollection<int> Shards, IReadOnlySet<int> Holding)
{
    public static IReadOnlyList<int> AllShards { get; } = Enumerable.Range(0, RechargeId.ShardCount).ToList();

    /// <summary>Every shard, held entries first: a reader's first pass, and the tests'.</summary>
    public static ShardSelection All { get; } = new(AllShards, AllShards.ToHashSet());
}
