using PaymentCore.Recharges;
using PaymentCore.State;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The outbox streams (one per shard, written by commit.lua) read through one consumer group per
/// wallet: a replica reads its own pending entries first, then new ones; XAUTOCLAIM hands a crashed
/// replica's entries to a live one; entries are trimmed once every group acknowledged them.
/// </summary>
public sealed class RedisOutbox(RedisConnection redis) : IOutbox
{
    private readonly RedisKeys _keys = redis.Keys;
    private readonly ShardRotation _consumersToTidy = new();

    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet, string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var reads = await ReadPipelinedAsync(wallet, consumer, shards, maxPerShard);
            var missing = reads.Where(r => r.MissingGroup).Select(r => r.Shard).ToList();
            if (missing.Count > 0)
            {
                // From the beginning of the stream: a wallet added later still gets every event kept.
                await Task.WhenAll(missing.Select(shard => RedisStreamGroups.CreateAsync(redis.Database, _keys.Outbox(shard), wallet)));
                reads = [.. reads.Where(r => !r.MissingGroup), .. await ReadPipelinedAsync(wallet, consumer, shards with { Shards = missing }, maxPerShard)];
            }

            IReadOnlyList<OutboxEntry> entries = reads.SelectMany(r => r.Entries).ToList();
            return entries;
        });

    public Task<int> ClaimAbandonedAsync(string wallet, string consumer, TimeSpan minIdle, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var claims = AllShards().Select(shard => RedisStreamGroups.ClaimedCountAsync(
                batch.StreamAutoClaimIdsOnlyAsync(_keys.Outbox(shard), wallet, consumer, (long)minIdle.TotalMilliseconds, "0-0", 100))).ToList();
            batch.Execute();
            var claimed = (await Task.WhenAll(claims)).Sum();
            // One shard's stream per pass, in turn: a few commands, and every shard within 64 passes.
            await RedisStreamGroups.ForgetIdleConsumersAsync(redis.Database, _keys.Outbox(_consumersToTidy.Next()), wallet, consumer, minIdle);
            return claimed;
        });

    /// <summary>One XACK per shard stream for all of its entries, the shards' sent together.</summary>
    public Task AcknowledgeAsync(string wallet, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken) =>
        GuardAsync(() => Task.WhenAll(entries.GroupBy(e => e.Shard).Select(shard =>
            redis.Database.StreamAcknowledgeAsync(_keys.Outbox(shard.Key), wallet, [.. shard.Select(e => (RedisValue)e.EntryId)]))));

    public Task DeadLetterAsync(string wallet, OutboxEntry entry, string reason, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await redis.Database.StreamAddAsync(_keys.DeadLetters(wallet),
            [
                new NameValueEntry("id", entry.Event.EventId),
                new NameValueEntry("e", Serialize(entry)),
                new NameValueEntry("reason", reason),
            ]);
            await redis.Database.StreamAcknowledgeAsync(_keys.Outbox(entry.Shard), wallet, entry.EntryId);
        });

    public Task<int> ReplayDeadLettersAsync(string wallet, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var letters = await redis.Database.StreamRangeAsync(_keys.DeadLetters(wallet));
            foreach (var letter in letters)
            {
                var entry = new OutboxEntry(string.Empty, RedisJson.Read(letter["e"], RechargeJson.Default.OutboxEvent));
                // Back into the outbox: every wallet sees the event again and dedupes it by id.
                await redis.Database.StreamAddAsync(_keys.Outbox(entry.Shard),
                    [new NameValueEntry("id", entry.Event.EventId), new NameValueEntry("e", letter["e"])]);
                await redis.Database.StreamDeleteAsync(_keys.DeadLetters(wallet), [letter.Id]);
                await redis.Subscriber.PublishAsync(_keys.Doorbell(ShardStream.Outbox), entry.Shard);
            }

            return letters.Length;
        });

    public Task<long> BacklogAsync(string wallet, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var infos = AllShards().Select(shard => IgnoreMissingKey(batch.StreamGroupInfoAsync(_keys.Outbox(shard)))).ToList();
            batch.Execute();
            return (await Task.WhenAll(infos))
                .SelectMany(groups => groups ?? [])
                .Where(g => g.Name == wallet)
                .Sum(g => g.PendingMessageCount + (g.Lag ?? 0));
        });

    public Task<long> DeadLetterCountAsync(string wallet, CancellationToken cancellationToken) =>
        GuardAsync(() => redis.Database.StreamLengthAsync(_keys.DeadLetters(wallet)));

    public Task TrimAsync(IReadOnlyCollection<string> wallets, CancellationToken cancellationToken) =>
        GuardAsync(() => Task.WhenAll(AllShards().Select(TrimShardAsync)));

    private async Task TrimShardAsync(int shard)
    {
        var key = _keys.Outbox(shard);
        var groups = await IgnoreMissingKey(redis.Database.StreamGroupInfoAsync(key));
        if (groups is not { Length: > 0 })
        {
            return;
        }

        // Everything before the oldest entry some group still needs (pending, or not yet delivered) can go.
        var keep = new List<(long Milliseconds, long Sequence)>();
        foreach (var group in groups)
        {
            // The lowest pending id only when something is pending (XINFO GROUPS counts it): one XPENDING less per idle group.
            var lowestPending = group.PendingMessageCount > 0 ? (string?)(await redis.Database.StreamPendingAsync(key, group.Name)).LowestPendingMessageId : null;
            var (milliseconds, sequence) = ParseId(lowestPending ?? group.LastDeliveredId!);
            keep.Add(lowestPending is not null ? (milliseconds, sequence) : (milliseconds, sequence + 1));
        }

        var oldest = keep.Min();
        await redis.Database.StreamTrimByMinIdAsync(key, $"{oldest.Milliseconds}-{oldest.Sequence}");
    }

    private async Task<List<ShardRead>> ReadPipelinedAsync(string wallet, string consumer, ShardSelection shards, int maxPerShard) =>
        (await RedisStreamGroups.ReadHeldThenNewAsync(redis.Database, shards, _keys.Outbox, wallet, consumer, maxPerShard))
            .Select(read => new ShardRead(
                read.Shard,
                read.Entries.Where(e => e["e"].HasValue).Select(e => new OutboxEntry(e.Id!, RedisJson.Read(e["e"], RechargeJson.Default.OutboxEvent))).ToList(),
                read.MissingGroup))
            .ToList();

    private static (long Milliseconds, long Sequence) ParseId(string id)
    {
        var parts = id.Split('-');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<T?> IgnoreMissingKey<T>(Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (RedisServerException e) when (e.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private static IEnumerable<int> AllShards() => Enumerable.Range(0, RechargeId.ShardCount);

    private static RedisValue Serialize(OutboxEntry entry) => RedisJson.Write(entry.Event, RechargeJson.Default.OutboxEvent);

    private sealed record ShardRead(int Shard, List<OutboxEntry> Entries, bool MissingGroup);
}
