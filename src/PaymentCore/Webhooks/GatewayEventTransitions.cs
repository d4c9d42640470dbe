using PaymentCore.Adapters;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;

namespace PaymentCore.Webhooks;

/// <summary>
/// What a verified gateway event means for a recharge. Every answer depends on the recharge's
/// current state, so a duplicate or late event changes nothing, and each money movement the
/// gateway reports produces exactly one debit.
/// </summary>
public static class GatewayEventTransitions
{
    /// <summary>The transition to apply, or null when the event changes nothing (any more).</summary>
    public static Transition? For(Recharge recharge, GatewayEvent gatewayEvent, string gatewayName, DateTimeOffset now) => (gatewayEvent, recharge.Status) switch
    {
        (GatewayEvent.PaymentSucceeded, RechargeStatus.Processing or RechargeStatus.Unknown) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now),
        (GatewayEvent.PaymentSucceeded, RechargeStatus.RequiresAction) =>
            RechargeStateMachine.Apply(Processing(recharge, now), RechargeStatus.Succeeded, now),
        // The payer completed 3-D Secure or a wallet's approval after the reconciler gave up on
        // it: the gateway charged, so the recharge succeeds late and the coins are credited, once.
        (GatewayEvent.PaymentSucceeded, RechargeStatus.Failed) when RechargeStateMachine.IsLegal(recharge, RechargeStatus.Succeeded) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now, r => r with { Failure = null }),
        (GatewayEvent.PaymentFailed failed, RechargeStatus.Processing or RechargeStatus.Unknown or RechargeStatus.RequiresAction) =>
            RechargeStateMachine.Apply(
                recharge.Status == RechargeStatus.RequiresAction ? Processing(recharge, now) : recharge,
                RechargeStatus.Failed,
                now,
                r => r with { Failure = new RechargeFailure(failed.Code, "The payment failed at the payment provider.", failed.GatewayCode) }),
        (GatewayEvent.Refunded refunded, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded) => Refund(recharge, refunded, gatewayName, now),
        (GatewayEvent.DisputeOpened, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Disputed, now),
        (GatewayEvent.DisputeWon, RechargeStatus.Disputed) => RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now),
        (GatewayEvent.DisputeLost lost, RechargeStatus.Disputed) => Reverse(recharge, lost, now),
        // The opening of the dispute was missed: the loss alone still reverses the payment.
        (GatewayEvent.DisputeLost lost, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded) =>
            Reverse(RechargeStateMachine.Apply(recharge, RechargeStatus.Disputed, now).Recharge, lost, now),
        _ => null,
    };

    private static Recharge Processing(Recharge recharge, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Processing, now, r => r with { NextAction = null }).Recharge;

    /// <summary>A refund made at the gateway (its dashboard, or ours confirmed late): the part of the cumulative total not yet recorded.</summary>
    private static Transition? Refund(Recharge recharge, GatewayEvent.Refunded refunded, string gatewayName, DateTimeOffset now)
    {
        var newly = refunded.TotalRefunded.MinorUnits - recharge.RefundedAmount.MinorUnits;
        if (refunded.TotalRefunded.Currency != recharge.Amount.Currency || newly <= 0 || recharge.PendingRefund is not null)
        {
            return null;
        }

        var amount = new Money(recharge.Amount.Currency, Math.Min(newly, recharge.Amount.Subtract(recharge.RefundedAmount).MinorUnits));
        var refund = new RechargeRefund(
            RechargeRefund.IdFor(recharge), amount, recharge.CoinsFor(amount), "refunded at the payment provider", "gateway:" + gatewayName, now,
            refunded.RefundReference, null);
        var whole = recharge.RefundedAmount.Add(amount).MinorUnits == recharge.Amount.MinorUnits;
        return RechargeStateMachine.Apply(
            recharge,
            whole ? RechargeStatus.Refunded : RechargeStatus.PartiallyRefunded,
            now,
            r => r with { Refunds = [.. r.Refunds, refund] },
            r => OutboxEvent.DebitFor(r, refund.RefundId, refund.Coins, refund.Amount, "refund", now));
    }

    /// <summary>A lost chargeback: the money went back to the payer, so every coin not yet debited is.</summary>
    private static Transition Reverse(Recharge disputed, GatewayEvent.DisputeLost lost, DateTimeOffset now) =>
        RechargeStateMachine.Apply(
            disputed,
            RechargeStatus.Reversed,
            now,
            debit: r => OutboxEvent.DebitFor(
                r, "dispute-" + lost.DisputeReference, r.TotalCoins - r.DebitedCoins, r.Amount.Subtract(r.RefundedAmount), "chargeback_lost", now));
}
