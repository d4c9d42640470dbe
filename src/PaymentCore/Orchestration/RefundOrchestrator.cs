using PaymentCore.Adapters;
using PaymentCore.Errors;
using PaymentCore.Recharges;
using PaymentCore.Routing;
using PaymentCore.State;

namespace PaymentCore.Orchestration;

/// <summary>
/// Refunds: claim the key and record the refund as pending (one store step), ask the gateway with
/// an idempotency key derived from the refund, then record the outcome with exactly one debit
/// event per refund (one store step). A refund whose answer is lost stays pending and is finished
/// by a retry with the same idempotency key, which asks the gateway again without refunding twice.
/// </summary>
public sealed class RefundOrchestrator(
    IRechargeStore store,
    TransitionCommitter committer,
    GatewayRouter router,
    IdempotencyClaims claims,
    TimeProvider time)
{
    public async Task<RechargeResult> RefundAsync(RefundRechargeCommand command, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(command.RechargeId, cancellationToken)
            ?? throw PaymentCoreException.RechargeNotFound(command.RechargeId);
        var now = time.GetUtcNow();
        var claim = claims.For(command.Request, current.UserId, now);
        var (proposed, refusal) = Propose(current, command, claim, now);

        var start = await store.BeginAsync(claim, proposed, userLimit: null, cancellationToken);
        switch (start)
        {
            case IdempotentStart.Replayed replayed:
                return new RechargeResult(replayed.Response, Replayed: true);
            case IdempotentStart.NothingToStart:
                throw refusal!;
            case IdempotentStart.Stale:
                throw PaymentCoreException.RefundInProgress(current.RechargeId);
        }

        var (recharge, _) = start.Owned();
        if (recharge.PendingRefund is not { } pending)
        {
            return new RechargeResult(recharge, Replayed: false);
        }

        var outcome = router.Find(recharge.Gateway) is { } gateway && recharge.GatewayReference is { } reference
            ? await gateway.RefundAsync(
                new GatewayRefund(
                    $"{recharge.RechargeId}:refund:{pending.RefundId}", reference, pending.Amount, pending.RefundId, recharge.MethodType, now - recharge.CreatedAt),
                CancellationToken.None)
            : new RefundOutcome.NotSupported($"gateway '{recharge.Gateway}' is not configured");
        var stored = outcome switch
        {
            RefundOutcome.Refunded refunded => await committer.CommitOrLatestAsync(
                Refunded(recharge, pending with { GatewayReference = refunded.RefundReference }, time.GetUtcNow()), claim),
            RefundOutcome.Declined declined => await store.CommitOrLatestAsync(Refused(recharge, pending, declined.Code) with { Completes = claim }),
            RefundOutcome.NotSupported => await store.CommitOrLatestAsync(Refused(recharge, pending, "refund_not_supported") with { Completes = claim }),
            _ => throw PaymentCoreException.RefundOutcomeUnknown(recharge.RechargeId),
        };
        return new RechargeResult(stored, Replayed: false);
    }

    /// <summary>The recharge with the refund pending, or, when it cannot be refunded so, why not.</summary>
    private static (Recharge? Proposed, PaymentCoreException? Refusal) Propose(
        Recharge current, RefundRechargeCommand command, IdempotencyClaim claim, DateTimeOffset now)
    {
        if (current.PendingRefund is not null)
        {
            return (null, PaymentCoreException.RefundInProgress(current.RechargeId));
        }

        if (current.Status is not (RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded))
        {
            return (null, PaymentCoreException.NotRefundable(current.RechargeId, current.Status.ToString()));
        }

        var remaining = current.Amount.Subtract(current.RefundedAmount);
        var amount = command.Amount ?? remaining;
        if (amount.Currency != current.Amount.Currency)
        {
            return (null, PaymentCoreException.InvalidArgument(
                [new FieldViolation("amount.currency", $"must be the recharge's currency {current.Amount.Currency}")]));
        }

        if (amount.MinorUnits > remaining.MinorUnits)
        {
            return (null, PaymentCoreException.RefundExceedsRemaining(current.RechargeId, remaining));
        }

        var pending = new RechargeRefund(
            RechargeRefund.IdFor(current), amount, current.CoinsFor(amount), command.Reason, command.Request.Caller, now, null, null);
        return (current with { PendingRefund = pending, InFlightClaim = claim }, null);
    }

    private static Transition Refunded(Recharge recharge, RechargeRefund refund, DateTimeOffset now)
    {
        var whole = recharge.RefundedAmount.Add(refund.Amount).MinorUnits == recharge.Amount.MinorUnits;
        return RechargeStateMachine.Apply(
            recharge,
            whole ? RechargeStatus.Refunded : RechargeStatus.PartiallyRefunded,
            now,
            r => r with { Refunds = [.. r.Refunds, refund], PendingRefund = null },
            r => OutboxEvent.DebitFor(r, refund.RefundId, refund.Coins, refund.Amount, "refund", now));
    }

    private static RechargeCommit Refused(Recharge recharge, RechargeRefund refund, string code) => new(
        recharge with { Refunds = [.. recharge.Refunds, refund with { Coins = 0, FailureCode = code }], PendingRefund = null, InFlightClaim = null },
        null,
        null);
}
