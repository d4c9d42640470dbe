using System.Globalization;
using PaymentCore.Promotions;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Promotion redemptions in Redis: per promotion a hash of redemptions (recharge id → user) and a
/// hash of per-user counts, in one slot (the promotion's hash tag), so one script checks both caps
/// and counts atomically. Every user of a promotion shares its slot: exactness of a global cap
/// needs one place that sees every redemption.
/// </summary>
public sealed class RedisPromotionLedger(RedisConnection redis) : IPromotionLedger
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task<RedemptionCap?> ReserveAsync(RedemptionRequest request, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var (redemptions, perUser) = _keys.Promotion(request.PromotionId);
            var result = (string)(await RedisScript.Redeem.RunAsync(redis.Database, new
            {
                redemptions,
                perUser,
                redemption = request.RedemptionId,
                user = request.UserId,
                maxPerUser = request.MaxPerUser?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                maxTotal = request.MaxTotal?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                keepUntil = request.KeepUntil.ToUnixTimeMilliseconds(),
            }))!;
            return result switch
            {
                "granted" => (RedemptionCap?)null,
                "per_user" => RedemptionCap.PerUser,
                "total" => RedemptionCap.Total,
                _ => throw new InvalidOperationException($"redeem.lua answered '{result}'."),
            };
        });

    public Task ReleaseAsync(string promotionId, string redemptionId, CancellationToken cancellationToken) =>
        GuardAsync(() =>
        {
            var (redemptions, perUser) = _keys.Promotion(promotionId);
            return RedisScript.ReleaseRedemption.RunAsync(redis.Database, new { redemptions, perUser, redemption = redemptionId });
        });

    public Task<PromotionUsage> UsageAsync(string promotionId, string userId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var (redemptions, perUser) = _keys.Promotion(promotionId);
            var batch = redis.Database.CreateBatch();
            var byUser = batch.HashGetAsync(perUser, userId);
            var total = batch.HashLengthAsync(redemptions);
            batch.Execute();
            return new PromotionUsage((long?)await byUser ?? 0, await total);
        });
}
