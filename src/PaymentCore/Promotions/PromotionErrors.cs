using PaymentCore.Errors;

namespace PaymentCore.Promotions;

/// <summary>The refusals of the promotions, as domain errors (the error interceptor makes them gRPC statuses).</summary>
public static class PromotionErrors
{
    public static PaymentCoreException Exhausted(string promotionId, RedemptionCap cap) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.PromotionExhausted,
        cap == RedemptionCap.PerUser
            ? $"Promotion '{promotionId}' was already used as often as one user may use it. Buy without it, or quote again."
            : $"Promotion '{promotionId}' has no redemptions left. Buy without it, or quote again.",
        metadata: new Dictionary<string, string>
        {
            ["promotion_id"] = promotionId,
            ["cap"] = cap == RedemptionCap.PerUser ? "per_user" : "total",
        });
}
