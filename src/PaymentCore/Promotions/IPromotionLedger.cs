namespace PaymentCore.Promotions;

/// <summary>
/// Counts promotion redemptions against their caps, exactly under concurrency: each call is one
/// atomic step on the promotion's own keys (one hash slot in Redis). A redemption is named by the
/// recharge that holds it, so reserving it twice counts it once and releasing it twice gives it
/// back once. Implementations throw <see cref="State.StoreUnavailableException"/> when the store
/// cannot be reached.
/// </summary>
public interface IPromotionLedger
{
    /// <summary>
    /// Counts the redemption if neither cap is reached and returns null; otherwise counts nothing
    /// and returns the cap that is reached. A redemption already counted is granted again.
    /// </summary>
    Task<RedemptionCap?> ReserveAsync(RedemptionRequest request, CancellationToken cancellationToken);

    /// <summary>Gives a redemption back (its payment failed, or the attempt did not go ahead); an unknown one is ignored.</summary>
    Task ReleaseAsync(string promotionId, string redemptionId, CancellationToken cancellationToken);

    /// <summary>How often the promotion is redeemed, by the user and in total, reservations in flight included.</summary>
    Task<PromotionUsage> UsageAsync(string promotionId, string userId, CancellationToken cancellationToken);
}

/// <summary>One redemption to count.</summary>
/// <param name="RedemptionId">The recharge that redeems; it releases the redemption if its payment fails.</param>
/// <param name="MaxPerUser">Redemptions one user may hold; null: no cap.</param>
/// <param name="MaxTotal">Redemptions all users together may hold; null: no cap.</param>
/// <param name="KeepUntil">Until when the count must be kept: after that the promotion can no longer be redeemed.</param>
public sealed record RedemptionRequest(
    string PromotionId,
    string UserId,
    string RedemptionId,
    long? MaxPerUser,
    long? MaxTotal,
    DateTimeOffset KeepUntil);

/// <summary>Which cap refused a redemption.</summary>
public enum RedemptionCap
{
    PerUser,
    Total,
}

/// <summary>Redemptions of one promotion: by one user, and by everyone.</summary>
public sealed record PromotionUsage(long ByUser, long Total);
