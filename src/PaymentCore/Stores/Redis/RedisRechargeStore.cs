using System.Globalization;
using Microsoft.Extensions.Options;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using PaymentCore.State;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The production store. Every method is one Lua script (or one command) on one user's shard,
/// so a recharge costs one round trip before the gateway call and one after it. With a ledger, the
/// scripts that change a recharge also append the new version to the shard's ledger stream.
/// </summary>
public sealed class RedisRechargeStore(RedisConnection redis, TimeProvider time, IOptions<LedgerOptions>? ledger = null) : IRechargeStore
{
    /// <summary>Chargebacks can come months after the payment (card schemes allow up to 540 days).</summary>
    private static readonly TimeSpan GatewayReferenceRetention = TimeSpan.FromDays(540);

    private readonly RedisKeys _keys = redis.Keys;
    private readonly LedgerOptions? _ledger = ledger?.Value is { Enabled: true } enabled ? enabled : null;

    /// <summary>ARGV flag of the scripts: "1" = append to the ledger stream.</summary>
    private string Drained => _ledger is null ? "0" : "1";

    /// <summary>ARGV of the scripts: the channels they publish an appended shard's number on.</summary>
    private readonly string _outboxBell = redis.Keys.Doorbell(ShardStream.Outbox).ToString();
    private readonly string _ledgerBell = redis.Keys.Doorbell(ShardStream.Ledger).ToString();

    public Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, LimitToReserve? userLimit, CancellationToken cancellationToken) =>
        GuardAsync<IdempotentStart>(async () =>
        {
            var userId = proposed?.UserId ?? claim.UserId;
            var idempotency = _keys.Idempotency(claim);
            var index = _keys.UserIndex(userId);
            var stored = proposed is null ? null : proposed with { Version = proposed.Version + 1 };
            var counters = UserCounters(userId, userLimit);
            List<RedisValue> values =
            [
                claim.Fingerprint,
                Milliseconds(time.GetUtcNow()),
                Milliseconds(claim.LeaseExpiresAt),
                Milliseconds(claim.RetainUntil),
                proposed?.RechargeId ?? string.Empty,
                proposed?.Version ?? 0,
                stored is null ? RedisValue.EmptyString : Serialize(stored),
                proposed is { Version: 0 } ? UserIndex.MemberOf(proposed) : string.Empty,
                proposed is not null && RechargeStateMachine.IsUnsettled(proposed.Status) ? "1" : "0",
                Drained,
                _ledgerBell,
                RechargeId.ShardOf(userId),
            ];
            if (userLimit is not null)
            {
                LimitScriptValues.AddReservation(values, userLimit.Check, userLimit.Horizon);
            }

            var result = (RedisResult[])(await RedisScript.Begin.RunAsync(
                redis.Database,
                [
                    idempotency,
                    proposed is null ? index : _keys.Recharge(proposed.RechargeId),
                    index,
                    _keys.Unsettled(userId),
                    _keys.LedgerStream(RechargeId.ShardOf(userId)),
                    counters.Entries,
                    counters.Budget,
                ],
                [.. values]))!;
            return (string)result[0]! switch
            {
                "started" => new IdempotentStart.Started(stored!, Resumed: false, ReservedBy(userLimit, result)),
                "refused" => new IdempotentStart.Refused(ReservedBy(userLimit, result)!),
                "replayed" => new IdempotentStart.Replayed(Deserialize((RedisValue)result[1])),
                "answered" => await ReadAnsweredAsync((string)result[1]!, (long)result[2]),
                "in_progress" => new IdempotentStart.InProgress(),
                "key_reused" => new IdempotentStart.KeyReused(),
                "nothing" => new IdempotentStart.NothingToStart(),
                "stale" when ((RedisValue)result[1]).IsNullOrEmpty => new IdempotentStart.NotHeld(),
                "stale" => new IdempotentStart.Stale(Deserialize((RedisValue)result[1])),
                "resumed" => new IdempotentStart.Started(
                    await ReadAsync((string)result[1]!) ?? throw new InvalidOperationException("A claimed recharge is missing."),
                    Resumed: true),
                var other => throw new InvalidOperationException($"begin.lua answered '{other}'."),
            };
        });

    public Task AbandonAsync(IdempotencyClaim claim, Recharge created, LimitToReserve? reserved, CancellationToken cancellationToken) =>
        GuardAsync(() => RedisScript.Abandon.RunAsync(
            redis.Database,
            [
                _keys.Idempotency(claim), _keys.Recharge(created.RechargeId), _keys.UserIndex(created.UserId), _keys.Unsettled(created.UserId),
                _keys.LedgerStream(RechargeId.ShardOf(created.UserId)), UserCounters(created.UserId, reserved).Entries,
            ],
            [
                created.RechargeId, UserIndex.MemberOf(created), Drained, _ledgerBell, RechargeId.ShardOf(created.UserId),
                reserved?.Check.EntryId ?? string.Empty, reserved?.Check.AmountReference ?? 0,
            ]));

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
                    _keys.Unsettled(shard),
                    _keys.LedgerStream(shard),
                ],
                [
                    recharge.Version,
                    Serialize(stored),
                    commit.Event?.EventId ?? string.Empty,
                    commit.Event is null ? RedisValue.EmptyString : RedisJson.Write(commit.Event, RechargeJson.Default.OutboxEvent),
                    commit.Completes is null ? "0" : "1",
                    commit.Completes is null ? 0 : Milliseconds(commit.Completes.RetainUntil),
                    recharge.RechargeId,
                    RechargeStateMachine.IsUnsettled(recharge.Status) ? "1" : "0",
                    Milliseconds(recharge.UpdatedAt),
                    Drained,
                    _outboxBell,
                    _ledgerBell,
                    shard,
                ]))!;
            return (string)result[0]! == "committed" ? new CommitResult.Committed(stored)
                : ((RedisValue)result[1]).IsNullOrEmpty ? new CommitResult.NotHeld()
                : new CommitResult.Stale(Deserialize((RedisValue)result[1]));
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
            var recharges = (await Task.WhenAll(reads)).Where(j => j.HasValue).Select(Deserialize).ToList();
            return new RechargePage(recharges, members.Length > pageSize ? (string?)members[pageSize - 1] : null);
        });

    public Task<IReadOnlyList<Recharge>> ListUnsettledAsync(DateTimeOffset unchangedSince, int max, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var database = redis.Database;
            var batch = database.CreateBatch();
            // Scored by the last change, or the reconciler's last look at it unchanged (LookedAtAsync).
            var scans = Enumerable.Range(0, RechargeId.ShardCount)
                .Select(shard => batch.SortedSetRangeByScoreWithScoresAsync(_keys.Unsettled(shard), stop: Milliseconds(unchangedSince), take: max))
                .ToList();
            batch.Execute();
            var due = (await Task.WhenAll(scans)).SelectMany(s => s).OrderBy(e => e.Score).Take(max).Select(e => (string)e.Element!).ToList();
            var reads = database.CreateBatch();
            var recharges = due.Select(id => reads.HashGetAsync(_keys.Recharge(id), "j")).ToList();
            reads.Execute();
            IReadOnlyList<Recharge> unsettled = (await Task.WhenAll(recharges))
                .Where(j => j.HasValue)
                .Select(Deserialize)
                .ToList();
            return unsettled;
        });

    public Task LookedAtAsync(Recharge recharge, DateTimeOffset at, CancellationToken cancellationToken) =>
        // XX: a recharge that settled meanwhile left the set and stays out of it.
        GuardAsync(() => redis.Database.SortedSetAddAsync(_keys.Unsettled(recharge.UserId), recharge.RechargeId, Milliseconds(at), SortedSetWhen.Exists));

    public Task IndexGatewayReferenceAsync(string gateway, string gatewayReference, string rechargeId, CancellationToken cancellationToken) =>
        // With a ledger the index lives there (the recharges table); Redis keeps the hot part.
        GuardAsync(() => redis.Database.StringSetAsync(
            _keys.GatewayReference(gateway, gatewayReference), rechargeId, _ledger?.HotRetention ?? GatewayReferenceRetention));

    public async Task<string?> FindByGatewayReferenceAsync(string gateway, string gatewayReference, CancellationToken cancellationToken) =>
        await GuardAsync(() => redis.Database.StringGetAsync(_keys.GatewayReference(gateway, gatewayReference)));

    public async Task<bool> RestoreAsync(Recharge recharge, CancellationToken cancellationToken) =>
        (int)await GuardAsync(() => RedisScript.Restore.RunAsync(redis.Database, new
        {
            recharge = _keys.Recharge(recharge.RechargeId),
            version = recharge.Version,
            json = Serialize(recharge),
            retention = (long)(_ledger?.HotRetention ?? GatewayReferenceRetention).TotalMilliseconds,
        })) == 1;

    public Task PingAsync(CancellationToken cancellationToken) => GuardAsync(() => redis.Database.PingAsync());

    /// <summary>
    /// The user's limit entries and budget, of the user's shard, for the scripts that reserve or give
    /// back with the claim; without a reservation, keys of the shard the scripts do not touch.
    /// </summary>
    private LimitCounterKeys UserCounters(string userId, LimitToReserve? userLimit)
    {
        if (userLimit is null)
        {
            var shardKey = _keys.UserIndex(userId);
            return new LimitCounterKeys(shardKey, shardKey);
        }

        return LimitKeys.TryGetUser(userLimit.Check.Key, out var owner) && owner == userId
            ? _keys.Counters(userLimit.Check.Key)
            : throw new ArgumentException($"Only the user's own limit key is reserved with the claim, not '{userLimit.Check.Key}'.", nameof(userLimit));
    }

    /// <summary>What begin.lua answered of the reservation asked for (its second element), or null.</summary>
    private static LimitDecision? ReservedBy(LimitToReserve? userLimit, RedisResult[] result) =>
        userLimit is null ? null : LimitScriptValues.Decision(userLimit.Check, (RedisResult[])result[1]!);

    /// <summary>
    /// The saved response a record points at: the recharge's version <paramref name="version"/>, its
    /// json in "j" while it is the stored version, in "j&lt;version&gt;" once a change overwrote it
    /// (answered_common.lua); both read at once, so a change in between cannot be missed.
    /// </summary>
    private async Task<IdempotentStart> ReadAnsweredAsync(string rechargeId, long version)
    {
        var fields = await redis.Database.HashGetAsync(
            _keys.Recharge(rechargeId), ["v", "j", string.Create(CultureInfo.InvariantCulture, $"j{version}")]);
        var json = (long?)fields[0] == version ? fields[1] : fields[2];
        return json.HasValue ? new IdempotentStart.Replayed(Deserialize(json)) : new IdempotentStart.ReplayedNotHeld(rechargeId, version);
    }

    private async Task<Recharge?> ReadAsync(string rechargeId)
    {
        var json = await redis.Database.HashGetAsync(_keys.Recharge(rechargeId), "j");
        return json.HasValue ? Deserialize(json) : null;
    }

    private static RedisValue Serialize(Recharge recharge) => RedisJson.Write(recharge, RechargeJson.Default.Recharge);

    private static Recharge Deserialize(RedisValue json) => RedisJson.Read(json, RechargeJson.Default.Recharge);

    private static long Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
