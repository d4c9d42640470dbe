using PaymentCore.Adapters;

namespace PaymentCore.Recharges;

/// <summary>One refund of a recharge, given back or refused by the gateway.</summary>
/// <param name="RefundId">Ours: "rfd_" + the recharge id's suffix + its number on the recharge.</param>
/// <param name="Coins">Coins debited for it (0 when refused).</param>
/// <param name="Reason">Why, as the caller said.</param>
/// <param name="RequestedBy">The calling service.</param>
/// <param name="GatewayReference">The gateway's id of the refund, when it made one.</param>
/// <param name="FailureCode">Why the gateway refused it; null when it succeeded.</param>
public sealed record RechargeRefund(
    string RefundId,
    Money Amount,
    long Coins,
    string Reason,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    string? GatewayReference,
    string? FailureCode)
{
    public bool Succeeded => FailureCode is null;

    public static string IdFor(Recharge recharge) => $"rfd_{recharge.RechargeId[4..]}_{recharge.Refunds.Count + 1}";
}
