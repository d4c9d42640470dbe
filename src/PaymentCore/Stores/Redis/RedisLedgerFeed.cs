using System.Globalization;
using Microsoft.Extensions.Options;
using PaymentCore.Recharges;
using PaymentCore.State;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The ledger streams, one per user shard (in the shard's slot, so begin/commit/abandon append in
/// the same script that changes the recharge), read by the consumer group "ledger".
/// </summary>
public sealed class RedisLedgerFeed(RedisConnection redis, IOptions<LedgerOptions> options, TimeProvider time) : ILedgerFeed
{
    public const string Group = "ledger";

    private const int SweepPerShard = 500;

    private readonly RedisKeys _keys = redis.Keys;
    private readonly ShardRotation _consumersToTidy = new();

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var reads = await ReadPipelinedAsync(consumer, shards, maxPerShard);
            var missing = reads.Where(r => r.MissingGroup).Select(r => r.Shard).ToList();
            if (missing.Count > 0)
            {
                await Task.WhenAll(missing.Select(shard => RedisStreamGroups.CreateAsync(redis.Database, _keys.LedgerStream(shard), Group)));
                reads = [.. reads.Where(r => !r.MissingGroup), .. await ReadPipelinedAsync(consumer, shards with { Shards = missing }, maxPerShard)];
            }

            IReadOnlyList<LedgerEntry> entries = reads.SelectMany(r => r.Entries).ToList();
            return entries;
        });

    public Task<int> ClaimAbandonedAsync(string consumer, TimeSpan minIdle, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var claims = AllShards().Select(shard => RedisStreamGroups.ClaimedCountAsync(
                batch.StreamAutoClaimIdsOnlyAsync(_keys.LedgerStream(shard), Group, consumer, (long)minIdle.TotalMilliseconds, "0-0", 1000))).ToList();
            batch.Execute();
            var claimed = (await Task.WhenAll(claims)).Sum();
            // One shard's stream per pass, in turn: a few commands, and every shard within 64 passes.
            await RedisStreamGroups.ForgetIdleConsumersAsync(redis.Database, _keys.LedgerStream(_consumersToTidy.Next()), Group, consumer, minIdle);
            return claimed;
        });

    public Task AcknowledgeAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken) =>
        GuardAsync(() => Task.WhenAll(entries.GroupBy(e => e.Shard).Select(AcknowledgeShardAsync)));

    public Task<DateTimeOffset?> OldestUndrainedAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var firsts = AllShards().Select(shard => batch.StreamRangeAsync(_keys.LedgerStream(shard), "-", "+", count: 1)).ToList();
            batch.Execute();
            var oldest = (await Task.WhenAll(firsts))
                .Where(first => first.Length > 0)
                .Select(first => long.Parse(((string)first[0].Id!).Split('-')[0], CultureInfo.InvariantCulture))
                .DefaultIfEmpty(-1)
                .Min();
            return oldest < 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(oldest);
        });

    public Task SweepExpiredAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var database = redis.Database;
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var batch = database.CreateBatch();
            var due = AllShards()
                .Select(shard => (Shard: shard, Members: batch.SortedSetRangeByScoreAsync(_keys.Expiring(shard), stop: now, take: SweepPerShard)))
                .ToList();
            batch.Execute();
            var removals = new List<Task>();
            var remove = database.CreateBatch();
            foreach (var (shard, members) in due)
            {
                foreach (var expired in await members)
                {
                    var text = (string)expired!;
                    var split = text.IndexOf('|', StringComparison.Ordinal);
                    removals.Add(remove.SortedSetRemoveAsync(_keys.UserIndex(text[(split + 1)..]), text[..split]));
                    removals.Add(remove.SortedSetRemoveAsync(_keys.Expiring(shard), expired));
                }
            }

            remove.Execute();
            await Task.WhenAll(removals);
        });

    private async Task AcknowledgeShardAsync(IGrouping<int, LedgerEntry> shard)
    {
        // The newest version of each recharge in the acknowledged entries; only settled ones expire.
        var settled = shard.Where(e => e.Version is not null)
            .GroupBy(e => e.Version!.RechargeId)
            .Select(g => g.Select(e => e.Version!).MaxBy(v => v.Version)!)
            .Where(v => !RechargeStateMachine.IsUnsettled(v.Status))
            .ToList();
        var keys = new List<RedisKey> { _keys.LedgerStream(shard.Key), _keys.Expiring(shard.Key) };
        keys.AddRange(settled.Select(v => _keys.Recharge(v.RechargeId)));
        var ids = shard.Select(e => (RedisValue)e.EntryId).ToList();
        var values = new List<RedisValue>
        {
            Group, (long)options.Value.HotRetention.TotalMilliseconds, time.GetUtcNow().ToUnixTimeMilliseconds(), ids.Count,
        };
        values.AddRange(ids);
        foreach (var version in settled)
        {
            values.Add(version.Version);
            values.Add($"{UserIndex.MemberOf(version)}|{version.UserId}");
        }

        await RedisScript.LedgerDrained.RunAsync(redis.Database, [.. keys], [.. values]);
    }

    private async Task<List<ShardRead>> ReadPipelinedAsync(string consumer, ShardSelection shards, int maxPerShard) =>
        (await RedisStreamGroups.ReadHeldThenNewAsync(redis.Database, shards, _keys.LedgerStream, Group, consumer, maxPerShard))
            .Select(read => new ShardRead(
                read.Shard,
                read.Entries
                    .Where(e => e["r"].HasValue || e["a"].HasValue)
                    .Select(e => e["r"].HasValue
                        ? LedgerEntry.Of(e.Id!, RedisJson.Read(e["r"], RechargeJson.Default.Recharge))
                        : LedgerEntry.Abandoned(e.Id!, e["a"]!))
                    .ToList(),
                read.MissingGroup))
            .ToList();

    private static IEnumerable<int> AllShards() => Enumerable.Range(0, RechargeId.ShardCount);

    private sealed record ShardRead(int Shard, List<LedgerEntry> Entries, bool MissingGroup);
}
