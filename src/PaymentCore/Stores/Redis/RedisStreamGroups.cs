using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>Consumer-group chores shared by the streams read in groups (the outbox, the ledger streams).</summary>
internal static class RedisStreamGroups
{
    /// <summary>Creates <paramref name="group"/> on the stream from its first entry (and the stream if missing); another replica may have done it first.</summary>
    public static async Task CreateAsync(IDatabaseAsync database, RedisKey stream, string group)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }
    }

    /// <summary>
    /// For each selected shard's stream, in one pipelined batch: the entries this consumer already
    /// holds (only for the shards of <see cref="ShardSelection.Holding"/>), then new ones,
    /// deduplicated, at most <paramref name="maxPerShard"/>; and whether the group was missing.
    /// </summary>
    public static async Task<List<(int Shard, List<StreamEntry> Entries, bool MissingGroup)>> ReadHeldThenNewAsync(
        IDatabase database, ShardSelection selection, Func<int, RedisKey> stream, string group, string consumer, int maxPerShard)
    {
        var batch = database.CreateBatch();
        var reads = selection.Shards.Select(shard => (
            Shard: shard,
            Held: selection.Holding.Contains(shard)
                ? IgnoreMissingGroup(batch.StreamReadGroupAsync(stream(shard), group, consumer, "0", maxPerShard))
                : Task.FromResult<StreamEntry[]?>([]),
            New: IgnoreMissingGroup(batch.StreamReadGroupAsync(stream(shard), group, consumer, StreamPosition.NewMessages, maxPerShard))))
            .ToList();
        batch.Execute();
        var results = new List<(int, List<StreamEntry>, bool)>();
        foreach (var read in reads)
        {
            var held = await read.Held;
            var fresh = await read.New;
            var entries = (held ?? []).Concat(fresh ?? []).Where(e => !e.IsNull).DistinctBy(e => e.Id).Take(maxPerShard).ToList();
            results.Add((read.Shard, entries, held is null || fresh is null));
        }

        return results;
    }

    /// <summary>The read's answer, or null when the group (or the stream) does not exist yet.</summary>
    public static async Task<T?> IgnoreMissingGroup<T>(Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>
    /// Removes from <paramref name="group"/> on <paramref name="stream"/> the consumers other than
    /// <paramref name="self"/> that hold nothing and were idle longer than <paramref name="minIdle"/>
    /// (forget_idle_consumers.lua: replicas that stopped or died leave their names behind).
    /// </summary>
    public static async Task<int> ForgetIdleConsumersAsync(IDatabase database, RedisKey stream, string group, string self, TimeSpan minIdle) =>
        (int)await RedisScript.ForgetIdleConsumers.RunAsync(database, new { stream, group, self, idle = (long)minIdle.TotalMilliseconds });

    /// <summary>How many entries an XAUTOCLAIM took over; none when the group does not exist yet.</summary>
    public static async Task<int> ClaimedCountAsync(Task<StreamAutoClaimIdsOnlyResult> claim)
    {
        try
        {
            return (await claim).ClaimedIds.Length;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return 0;
        }
    }
}
