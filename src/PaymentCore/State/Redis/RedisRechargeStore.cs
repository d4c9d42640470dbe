using System.Globalization;
using System.Text.Json;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;
using StackExchange.Redis;
using static PaymentCore.State.Redis.RedisFailures;

namespace PaymentCore.State.Redis;

/// <summary>
/// The production store. Every method is one Lua script (or one command) on one user's shard,
/// so a recharge costs one round trip before the gateway call and one after it.
/// </summary>
public sealed class RedisRechargeStore(RedisConnection redis, TimeProvider time) : IRechargeStore
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, CancellationToken cancellationToken) =>
        GuardAsync<IdempotentStart>(async () =>
        {
            var idempotency = _keys.Idempotency(claim);
            var index = _keys.UserIndex(proposed?.UserId ?? claim.UserId);
            var stored = proposed is null ? null : proposed with { Version = proposed.Version + 1 };
            var result = (RedisResult[])(await RedisScript.Begin.RunAsync(
                redis.Database,
                [idempotency, proposed is null ? index : _keys.Recharge(proposed.RechargeId), index],
                [
                    claim.Fingerprint,
                    Milliseconds(time.GetUtcNow()),
                    Milliseconds(claim.LeaseExpiresAt),
                    Milliseconds(claim.RetainUntil),
                    proposed?.RechargeId ?? string.Empty,
                    proposed?.Version ?? 0,
                    stored is null ? string.Empty : Serialize(stored),
                    proposed is { Version: 0 } ? UserIndex.MemberOf(proposed) : string.Empty,
                ]))!;
            return (string)result[0]! switch
            {
                "started" => new IdempotentStart.Started(stored!, Resumed: false),
                "replayed" => new IdempotentStart.Replayed(Deserialize((string)result[1]!)),
                "in_progress" => new IdempotentStart.InProgress(),
                "key_reused" => new IdempotentStart.KeyReused(),
                "nothing" => new IdempotentStart.NothingToStart(),
                "stale" => new IdempotentStart.Stale(Deserialize((string)result[1]!)),
                "resumed" => new IdempotentStart.Started(
                    await ReadAsync((string)result[1]!) ?? throw new InvalidOperationException("A claimed recharge is missing."),
                    Resumed: true),
                var other => throw new InvalidOperationException($"begin.lua answered '{other}'."),
            };
        });

    public Task AbandonAsync(IdempotencyClaim claim, Recharge created, CancellationToken cancellationToken) =>
        GuardAsync(() => RedisScript.Abandon.RunAsync(
            redis.Database,
            [_keys.Idempotency(claim), _keys.Recharge(created.RechargeId), _keys.UserIndex(created.UserId)],
            [created.RechargeId, UserIndex.MemberOf(created)]));

    public Task<CommitResult> CommitAsync(RechargeCommit commit, CancellationToken cancellationToken) =>
        GuardAsync<CommitResult>(async () =>
        {
            var recharge = commit.Recharge;
            var stored = recharge with { Version = recharge.Version + 1 };
            RechargeId.TryParseShard(recharge.RechargeId, out var shard);
            var result = (RedisResult[])(await RedisScript.Commit.RunAsync(
                redis.Database,
                [
                    _keys.Recharge(recharge.RechargeId),
                    _keys.Outbox(shard),
                    commit.Completes is { } claim ? _keys.Idempotency(claim) : _keys.UserIndex(recharge.UserId),
                ],
                [
                    recharge.Version,
                    Serialize(stored),
                    commit.Event?.EventId ?? string.Empty,
                    commit.Event is null ? string.Empty : JsonSerializer.Serialize(commit.Event, RechargeJson.Default.OutboxEvent),
                    commit.Completes is null ? "0" : "1",
                    commit.Completes is null ? 0 : Milliseconds(commit.Completes.RetainUntil),
                ]))!;
            return (string)result[0]! == "committed"
                ? new CommitResult.Committed(stored)
                : new CommitResult.Stale(Deserialize((string)result[1]!));
        });

    public Task<Recharge?> GetAsync(string rechargeId, CancellationToken cancellationToken) =>
        GuardAsync(() => ReadAsync(rechargeId));

    public Task<RechargePage> ListByUserAsync(string userId, int pageSize, string? cursor, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var database = redis.Database;
            var members = await database.SortedSetRangeByValueAsync(
                _keys.UserIndex(userId),
                min: default,
                max: cursor is null ? default : (RedisValue)cursor,
                exclude: cursor is null ? Exclude.None : Exclude.Stop,
                order: Order.Descending,
                skip: 0,
                take: pageSize + 1);
            var page = members.Take(pageSize).Select(m => UserIndex.RechargeIdOf(m!)).ToList();
            var batch = database.CreateBatch();
            var reads = page.Select(id => batch.HashGetAsync(_keys.Recharge(id), "j")).ToList();
            batch.Execute();
            var recharges = (await Task.WhenAll(reads)).Where(j => j.HasValue).Select(j => Deserialize(j!)).ToList();
            return new RechargePage(recharges, members.Length > pageSize ? (string?)members[pageSize - 1] : null);
        });

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(int max, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var reads = Enumerable.Range(0, RechargeId.ShardCount)
                .Select(shard => batch.StreamRangeAsync(_keys.Outbox(shard), count: max))
                .ToList();
            batch.Execute();
            IReadOnlyList<OutboxEntry> entries = (await Task.WhenAll(reads))
                .SelectMany(stream => stream)
                .Select(entry => new OutboxEntry(entry.Id!, JsonSerializer.Deserialize((string)entry["e"]!, RechargeJson.Default.OutboxEvent)!))
                .Take(max)
                .ToList();
            return entries;
        });

    public Task AcknowledgeAsync(IReadOnlyCollection<OutboxEntry> delivered, CancellationToken cancellationToken) =>
        GuardAsync(() => Task.WhenAll(delivered
            .GroupBy(e => RechargeId.TryParseShard(e.Event.RechargeId, out var shard) ? shard : -1)
            .Select(g => redis.Database.StreamDeleteAsync(_keys.Outbox(g.Key), g.Select(e => (RedisValue)e.EntryId).ToArray()))));

    public Task PingAsync(CancellationToken cancellationToken) => GuardAsync(() => redis.Database.PingAsync());

    private async Task<Recharge?> ReadAsync(string rechargeId)
    {
        var json = await redis.Database.HashGetAsync(_keys.Recharge(rechargeId), "j");
        return json.HasValue ? Deserialize(json!) : null;
    }

    private static string Serialize(Recharge recharge) => JsonSerializer.Serialize(recharge, RechargeJson.Default.Recharge);

    private static Recharge Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RechargeJson.Default.Recharge) ?? throw new InvalidOperationException("A stored recharge is empty.");

    private static long Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
