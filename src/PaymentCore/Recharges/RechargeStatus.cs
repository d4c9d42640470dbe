namespace PaymentCore.Recharges;

/// <summary>Where a recharge stands; see <see cref="RechargeStateMachine"/> for the legal moves.</summary>
public enum RechargeStatus
{
    Created,
    Processing,
    RequiresAction,
    Succeeded,
    Failed,
    Unknown,
    PartiallyRefunded,
    Refunded,
    Disputed,
    Reversed,
}
