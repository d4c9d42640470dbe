using System.Globalization;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Every key name, built in one place. Everything of one user (recharges, index, idempotency
/// records, counters, budget, outbox) carries the user's shard as hash tag "{s:NN}", so one Lua
/// script only ever touches one slot, on a single node as on a cluster. Counters of other
/// dimensions carry their own key as tag, a promotion's redemptions the promotion id, and each
/// voucher and voucher batch its own digest or id.
/// Every key starts with the configured prefix and the deployment's mode ("pc:live:…", "pc:test:…"),
/// so a test and a live process pointed at one Redis by mistake never see each other's idempotency
/// records, limits, outbox, vouchers or audit trail. Only <see cref="StoreMode"/> is shared by both.
/// </summary>
public sealed class RedisKeys
{
    private readonly string _keyPrefix;
    private readonly string _prefix;

    // Built once: every recharge names its shard's tag and streams several times.
    private readonly string[] _shardTags;
    private readonly RedisKey[] _outboxes;
    private readonly RedisKey[] _ledgerStreams;
    private readonly RedisKey[] _unsettled;

    /// <param name="keyPrefix"><see cref="RedisOptions.KeyPrefix"/>.</param>
    /// <param name="mode">"test" or "live".</param>
    public RedisKeys(string keyPrefix, string mode)
    {
        _keyPrefix = keyPrefix;
        _prefix = $"{keyPrefix}:{mode}";
        _shardTags = [.. Enumerable.Range(0, RechargeId.ShardCount).Select(shard => string.Create(CultureInfo.InvariantCulture, $"{_prefix}:{{s:{shard:D2}}}"))];
        _outboxes = ShardKeys("outbox");
        _ledgerStreams = ShardKeys("ledger");
        _unsettled = ShardKeys("unsettled");
    }

    /// <summary>The mode of the process that last started on this store (<see cref="StoreModeMarker"/>): outside both modes' keys.</summary>
    public RedisKey StoreMode => $"{_keyPrefix}:mode";

    public RedisKey Recharge(string rechargeId) =>
        RechargeId.TryParseShard(rechargeId, out var shard)
            ? $"{Shard(shard)}:r:{rechargeId}"
            : throw new ArgumentException($"'{rechargeId}' is not a recharge id.", nameof(rechargeId));

    /// <summary>A SCAN pattern matching every recharge of every shard.</summary>
    public string AllRecharges => $"{_prefix}:{{s:*}}:r:*";

    public RedisKey UserIndex(string userId) => $"{ShardOf(userId)}:u:{userId}";

    public RedisKey Idempotency(IdempotencyClaim claim) => $"{ShardOf(claim.UserId)}:i:{claim.ScopeKey}";

    public RedisKey Outbox(int shard) => _outboxes[shard];

    /// <summary>A gateway's payment id → our recharge id; a key of its own slot, written beside the commit.</summary>
    public RedisKey GatewayReference(string gateway, string reference) => $"{_prefix}:gwref:{gateway}:{reference}";

    /// <summary>The shard's versions for the ledger, appended by the scripts that change a recharge, until drained.</summary>
    public RedisKey LedgerStream(int shard) => _ledgerStreams[shard];

    /// <summary>The shard's drained, settled recharges whose hot copy expires (zset "index member|user id" → expiry).</summary>
    public RedisKey Expiring(int shard) => $"{Shard(shard)}:expiring";

    public RedisKey Unsettled(int shard) => _unsettled[shard];

    public RedisKey Unsettled(string userId) => Unsettled(RechargeId.ShardOf(userId));

    /// <summary>
    /// The pub/sub channel on which the scripts that append to a shard stream publish the shard's
    /// number (a channel has no slot: on a cluster the message reaches every node's subscribers).
    /// </summary>
    public RedisChannel Doorbell(ShardStream stream) =>
        RedisChannel.Literal($"{_prefix}:bell:{(stream == ShardStream.Outbox ? "outbox" : "ledger")}");

    /// <summary>A wallet's dead letters: one stream, outside the shards (moved there one by one, never by a script).</summary>
    public RedisKey DeadLetters(string wallet) => $"{_prefix}:deadletters:{wallet}";

    public RedisKey Budget(string userId) => $"{ShardOf(userId)}:b:{userId}";

    /// <summary>The user's saved payment instruments and gateway customers (hash, <see cref="RedisSavedInstrumentStore"/>).</summary>
    public RedisKey SavedInstruments(string userId) => $"{ShardOf(userId)}:si:{userId}";

    /// <summary>A shard's saving recharges whose save is not settled yet (sorted set: recharge id by when it was recorded, unix ms).</summary>
    public RedisKey PendingSaves(int shard) => $"{Shard(shard)}:si:pending";

    /// <summary>The audit trail: one stream, touched by no script, so it needs no shard tag.</summary>
    public RedisKey AuditStream => $"{_prefix}:audit";

    /// <summary>A limit key's sorted set of entries, and a key of the same slot for the budget.</summary>
    public LimitCounterKeys Counters(string limitKey)
    {
        // ":w" (windows): until 2026-12-01 four sets ":a", ":m", ":i", ":d" held what this one holds.
        if (LimitKeys.TryGetUser(limitKey, out var userId))
        {
            return new LimitCounterKeys($"{ShardOf(userId)}:l:{limitKey}:w", Budget(userId));
        }

        // Only a user has a budget. The scripts read their budget key only for a user, so the other
        // dimensions pass their entries key there: a key of the same slot.
        RedisKey entries = $"{_prefix}:{{{limitKey}}}:l:{limitKey}:w";
        return new LimitCounterKeys(entries, entries);
    }

    /// <summary>A promotion's redemptions (hash: recharge id → user) and per-user counts, under the promotion's own tag.</summary>
    public (RedisKey Redemptions, RedisKey PerUser) Promotion(string promotionId)
    {
        var tag = $"{_prefix}:{{p:{promotionId}}}";
        return ($"{tag}:r", $"{tag}:u");
    }

    /// <summary>A voucher (hash), under its code digest as its own tag: vouchers spread over the cluster, each redeemed in one slot.</summary>
    public RedisKey Voucher(string codeHash) => $"{_prefix}:{{v:{codeHash}}}";

    /// <summary>A voucher batch's issuance record (hash), under the batch id as its own tag.</summary>
    public RedisKey VoucherBatch(string batchId) => $"{_prefix}:{{vb:{batchId}}}";

    private string ShardOf(string userId) => Shard(RechargeId.ShardOf(userId));

    private string Shard(int shard) => _shardTags[shard];

    private RedisKey[] ShardKeys(string name) => [.. _shardTags.Select(tag => (RedisKey)$"{tag}:{name}")];
}

/// <summary>
/// One limit key's entries (a sorted set in its slot scored by the attempt's time, unix ms: attempts,
/// amounts, instruments used and declines, told apart by a prefix of the member, see limit_common.lua),
/// and the user's budget hash, or a placeholder key of the same slot for the other dimensions.
/// </summary>
public readonly record struct LimitCounterKeys(RedisKey Entries, RedisKey Budget);
