using PaymentCore.Recharges;

namespace PaymentCore.Audit;

/// <summary>Audit entries of state transitions, written beside the commit that makes them.</summary>
public static class TransitionAudit
{
    public const string Actor = "paymentcore";
    public const string Committed = "COMMITTED";
    public const string NotApplied = "STALE_NOT_APPLIED";

    /// <param name="recharge">The recharge after the transition.</param>
    /// <param name="coinEvent">The coin movement the transition emits, if any: it says why.</param>
    /// <param name="outcome"><see cref="Committed"/>, or <see cref="NotApplied"/> when another writer changed the recharge first.</param>
    public static AuditEntry Of(Recharge recharge, OutboxEvent? coinEvent, string outcome, DateTimeOffset now) => new(
        now,
        coinEvent?.Reason == "refund" ? recharge.Refunds[^1].RequestedBy : Actor,
        $"transition:{recharge.Status}",
        recharge.RechargeId,
        null,
        outcome,
        recharge.Livemode,
        coinEvent is null ? recharge.Failure?.Code : $"{coinEvent.Reason} ({coinEvent.Type.ToString().ToLowerInvariant()} {coinEvent.Coins} coins)");
}
