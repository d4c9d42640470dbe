using System.Runtime.ExceptionServices;
using PaymentCore.Errors;
using PaymentCore.Promotions;
using PaymentCore.Recharges;

namespace PaymentCore.Pricing;

/// <summary>
/// Holds, for one attempt, what its price depends on, in parallel with the store's begin step
/// (as <see cref="Limits.LimitGuard"/> does for limits): the quote has not expired, a quoted
/// first-purchase bonus still goes to a first purchase, and every counted promotion is within its
/// caps, its redemption reserved before the gateway call. Checking here rather than before the
/// idempotency claim lets a retry of a completed request replay its answer even after its quote expired.
/// </summary>
public sealed class PriceGuard(IPromotionLedger ledger, PurchaseHistory history)
{
    public Task<PriceReservation> ReserveAsync(
        PricedItem item, string userId, string rechargeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item.QuoteExpiresAt is { } expiresAt && now >= expiresAt)
        {
            return Task.FromResult(new PriceReservation([], PaymentCoreException.QuoteExpired(expiresAt), null));
        }

        return item.Redemptions.Count == 0
            ? Task.FromResult(PriceReservation.None)
            : ReserveRedemptionsAsync(item, userId, rechargeId, cancellationToken);
    }

    /// <summary>Gives back the redemptions of an attempt that did not go ahead.</summary>
    public Task CancelAsync(PriceReservation reservation) =>
        Task.WhenAll(reservation.Granted.Select(r => ledger.ReleaseAsync(r.PromotionId, r.RedemptionId, CancellationToken.None)));

    /// <summary>Gives back the redemptions of a recharge whose payment failed.</summary>
    public Task ReleaseAsync(Recharge recharge) =>
        Task.WhenAll(recharge.RedeemedPromotionIds.Select(id => ledger.ReleaseAsync(id, recharge.RechargeId, CancellationToken.None)));

    private async Task<PriceReservation> ReserveRedemptionsAsync(
        PricedItem item, string userId, string rechargeId, CancellationToken cancellationToken)
    {
        // A quote promised a first-purchase bonus some minutes ago; the user may have bought since.
        var firstPurchase = item.Redemptions.FirstOrDefault(r => r.FirstPurchaseOnly);
        var purchased = item.QuoteExpiresAt is not null && firstPurchase is not null
            ? history.HasPurchasedAsync(userId, cancellationToken)
            : Task.FromResult(false);
        var requests = item.Redemptions.Select(r => r.For(userId, rechargeId)).ToList();
        var attempts = requests.Select(r => ledger.ReserveAsync(r, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(attempts.Append<Task>(purchased));
        }
        catch (Exception)
        {
            // Inspected one by one below: some redemptions may have been counted while others failed.
        }

        var granted = new List<RedemptionRequest>();
        PaymentCoreException? refusal = null;
        ExceptionDispatchInfo? error = null;
        for (var i = 0; i < requests.Count; i++)
        {
            if (!attempts[i].IsCompletedSuccessfully)
            {
                error ??= ExceptionDispatchInfo.Capture(attempts[i].Exception!.InnerException!);
            }
            else if (attempts[i].Result is { } cap)
            {
                refusal ??= PromotionErrors.Exhausted(requests[i].PromotionId, cap);
            }
            else
            {
                granted.Add(requests[i]);
            }
        }

        if (!purchased.IsCompletedSuccessfully)
        {
            error ??= ExceptionDispatchInfo.Capture(purchased.Exception!.InnerException!);
        }
        else if (purchased.Result)
        {
            refusal ??= PromotionErrors.Exhausted(firstPurchase!.PromotionId, RedemptionCap.PerUser);
        }

        return new PriceReservation(granted, refusal, error);
    }
}
