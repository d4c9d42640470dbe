using PaymentCore.Catalog;

namespace PaymentCore.Promotions;

/// <summary>
/// An applied promotion whose redemptions are counted (a capped code, or a first-purchase bonus):
/// reserved before the gateway call, released if the payment fails.
/// </summary>
/// <param name="KeepUntil">How long the ledger keeps the count: the promotion's end plus <see cref="Retention"/>.</param>
public sealed record PromotionRedemption(string PromotionId, long? MaxPerUser, long? MaxTotal, DateTimeOffset KeepUntil, bool FirstPurchaseOnly)
{
    /// <summary>
    /// Longer than any quote or payment can outlive the promotion (a quote holds at most a day, a
    /// payment that fails late gives its redemption back), so no cap is forgotten while it matters.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public static PromotionRedemption? Of(Promotion promotion) => promotion.IsCounted
        ? new(promotion.PromotionId, promotion.PerUserCap, promotion.MaxRedemptions, promotion.EndsAt + Retention, promotion.FirstPurchaseOnly)
        : null;

    public RedemptionRequest For(string userId, string rechargeId) => new(PromotionId, userId, rechargeId, MaxPerUser, MaxTotal, KeepUntil);
}
