using System.Globalization;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using StackExchange.Redis;

namespace PaymentCore.State.Redis;

/// <summary>
/// Every key name, built in one place. Everything of one user (recharges, index, idempotency
/// records, counters, budget, outbox) carries the user's shard as hash tag "{s:NN}", so one Lua
/// script only ever touches one slot, on a single node as on a cluster. Counters of other
/// dimensions carry their own key as tag, and a promotion's redemptions the promotion id.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public RedisKey Recharge(string rechargeId) =>
        RechargeId.TryParseShard(rechargeId, out var shard)
            ? $"{Shard(shard)}:r:{rechargeId}"
            : throw new ArgumentException($"'{rechargeId}' is not a recharge id.", nameof(rechargeId));

    public RedisKey UserIndex(string userId) => $"{ShardOf(userId)}:u:{userId}";

    public RedisKey Idempotency(IdempotencyClaim claim) => $"{ShardOf(claim.UserId)}:i:{claim.ScopeKey}";

    public RedisKey Outbox(int shard) => $"{Shard(shard)}:outbox";

    /// <summary>A gateway's payment id → our recharge id; a key of its own slot, written beside the commit.</summary>
    public RedisKey GatewayReference(string gateway, string reference) => $"{prefix}:gwref:{gateway}:{reference}";

    public RedisKey Unsettled(int shard) => $"{Shard(shard)}:unsettled";

    public RedisKey Unsettled(string userId) => Unsettled(RechargeId.ShardOf(userId));

    /// <summary>A wallet's dead letters: one stream, outside the shards (moved there one by one, never by a script).</summary>
    public RedisKey DeadLetters(string wallet) => $"{prefix}:deadletters:{wallet}";

    public RedisKey Budget(string userId) => $"{ShardOf(userId)}:b:{userId}";

    /// <summary>The audit trail: one stream, touched by no script, so it needs no shard tag.</summary>
    public RedisKey AuditStream => $"{prefix}:audit";

    /// <summary>A counter's attempts (a) or amounts (m) set, and a key of the same slot for the budget.</summary>
    public (RedisKey Attempts, RedisKey Amounts, RedisKey Budget) Counters(string limitKey)
    {
        var tag = LimitKeys.TryGetUser(limitKey, out var userId) ? ShardOf(userId) : $"{prefix}:{{{limitKey}}}";
        var budget = LimitKeys.TryGetUser(limitKey, out _) ? Budget(userId) : (RedisKey)$"{tag}:nobudget";
        return ($"{tag}:l:{limitKey}:a", $"{tag}:l:{limitKey}:m", budget);
    }

    /// <summary>A promotion's redemptions (hash: recharge id → user) and per-user counts, under the promotion's own tag.</summary>
    public (RedisKey Redemptions, RedisKey PerUser) Promotion(string promotionId)
    {
        var tag = $"{prefix}:{{p:{promotionId}}}";
        return ($"{tag}:r", $"{tag}:u");
    }

    private string ShardOf(string userId) => Shard(RechargeId.ShardOf(userId));

    private string Shard(int shard) => string.Create(CultureInfo.InvariantCulture, $"{prefix}:{{s:{shard:D2}}}");
}
