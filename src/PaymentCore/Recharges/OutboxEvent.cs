using PaymentCore.Adapters;

namespace PaymentCore.Recharges;

/// <summary>
/// A coin movement to confirm to the wallets. Its id is stable (recharge id + transition), so a
/// retried transition can never produce a second event and wallets can dedupe on it.
/// </summary>
/// <param name="Livemode">The recharge's mode: a wallet of the other mode must refuse the event.</param>
public sealed record OutboxEvent(
    string EventId,
    CoinEventType Type,
    string RechargeId,
    string UserId,
    long Coins,
    Money Amount,
    string Reason,
    DateTimeOffset OccurredAt,
    bool Livemode)
{
    public static OutboxEvent CreditFor(Recharge recharge, DateTimeOffset now) => new(
        $"{recharge.RechargeId}:credit",
        CoinEventType.Credit,
        recharge.RechargeId,
        recharge.UserId,
        recharge.TotalCoins,
        recharge.Amount,
        "recharge_succeeded",
        now,
        recharge.Livemode);

    /// <summary>The debit of one refund or lost dispute; its id names that money movement, so it exists once.</summary>
    public static OutboxEvent DebitFor(Recharge recharge, string movementId, long coins, Money amount, string reason, DateTimeOffset now) => new(
        $"{recharge.RechargeId}:debit:{movementId}",
        CoinEventType.Debit,
        recharge.RechargeId,
        recharge.UserId,
        coins,
        amount,
        reason,
        now,
        recharge.Livemode);
}

/// <summary>Direction of a coin movement.</summary>
public enum CoinEventType
{
    Credit,
    Debit,
}
