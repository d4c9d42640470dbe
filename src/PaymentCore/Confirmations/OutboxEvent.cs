using PaymentCore.Adapters;
using PaymentCore.Recharges;

namespace PaymentCore.Confirmations;

/// <summary>
/// A coin movement to confirm to the wallets. Its id is stable (recharge id + transition), so a
/// retried transition can never produce a second event and wallets can dedupe on it.
/// </summary>
public sealed record OutboxEvent(
    string EventId,
    CoinEventType Type,
    string RechargeId,
    string UserId,
    long Coins,
    Money Amount,
    string Reason,
    DateTimeOffset OccurredAt)
{
    public static OutboxEvent CreditFor(Recharge recharge, DateTimeOffset now) => new(
        $"{recharge.RechargeId}:credit",
        CoinEventType.Credit,
        recharge.RechargeId,
        recharge.UserId,
        recharge.TotalCoins,
        recharge.Amount,
        "recharge_succeeded",
        now);
}

/// <summary>Direction of a coin movement.</summary>
public enum CoinEventType
{
    Credit,
    Debit,
}
