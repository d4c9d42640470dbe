using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Pricing;

/// <summary>
/// Whether a user ever bought coins: has a recharge that SUCCEEDED (or moved on from there to a
/// refund or dispute). Cheap on purpose: it reads only the user's <see cref="Lookback"/> newest
/// recharges (one page of the user's index), and only when a first-purchase promotion could
/// apply. A user with more recharges than that, none of them paid, counts as having bought:
/// when in doubt the bonus is withheld, never given twice.
/// </summary>
public sealed class PurchaseHistory(IRechargeStore store)
{
    public const int Lookback = 20;

    public async Task<bool> HasPurchasedAsync(string userId, CancellationToken cancellationToken)
    {
        var page = await store.ListByUserAsync(userId, Lookback, cursor: null, cancellationToken);
        return page.NextCursor is not null || page.Recharges.Any(r => WasPaid(r.Status));
    }

    private static bool WasPaid(RechargeStatus status) => status is RechargeStatus.Succeeded
        or RechargeStatus.PartiallyRefunded or RechargeStatus.Refunded or RechargeStatus.Disputed or RechargeStatus.Reversed;
}
