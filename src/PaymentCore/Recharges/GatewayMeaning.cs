using PaymentCore.Adapters;

namespace PaymentCore.Recharges;

/// <summary>
/// What a gateway's word about a payment means for its recharge, in one table: its answer to our
/// charge or confirmation (the orchestrator), its answer to a status lookup (the reconciler, and a
/// webhook we could not verify), and a verified event (webhooks). Every row depends on the
/// recharge's current status, so a duplicate or late word changes nothing; the state machine
/// checks each move and builds its coin event.
/// </summary>
public static class GatewayMeaning
{
    /// <summary>The transition the gateway's answer to the call in flight calls for; the recharge is PROCESSING.</summary>
    public static Transition OfAnswer(Recharge recharge, GatewayOutcome outcome, DateTimeOffset now) =>
        Meaning(recharge, NewsOf(outcome), Heard.Answer, now, abandonActionAfter: TimeSpan.MaxValue)
        ?? throw new InvalidOperationException($"Recharge {recharge.RechargeId}: a gateway's answer ({outcome.GetType().Name}) means nothing in status {recharge.Status}.");

    /// <summary>
    /// The transition a status lookup calls for, or null when it changes nothing (yet). A payer who
    /// has not acted within <paramref name="abandonActionAfter"/> of the last change is given up on.
    /// </summary>
    /// <param name="outcome">The gateway's answer; null when it could not be asked.</param>
    public static Transition? OfLookup(Recharge recharge, GatewayOutcome? outcome, DateTimeOffset now, TimeSpan abandonActionAfter) =>
        outcome is null ? null : Meaning(recharge, NewsOf(outcome), Heard.Lookup, now, abandonActionAfter);

    /// <summary>The transition a verified gateway event calls for, or null when it changes nothing (any more).</summary>
    /// <param name="abandonActionAfter">As for a lookup: tells a cancellation the reconciler asked for from the payer's.</param>
    public static Transition? OfEvent(Recharge recharge, GatewayEvent gatewayEvent, string gatewayName, DateTimeOffset now, TimeSpan? abandonActionAfter = null) =>
        Meaning(recharge, NewsOf(gatewayEvent, gatewayName), Heard.Event, now, abandonActionAfter ?? TimeSpan.MaxValue);

    /// <summary>
    /// The table. Read a row as: the gateway says this, the recharge is in that status, we heard it
    /// this way → the move. A row for the answer to our own call only (<see cref="Heard.Answer"/>)
    /// never resolves UNKNOWN: only a lookup or an event can, once the gateway knows.
    /// </summary>
    private static Transition? Meaning(Recharge recharge, News news, Heard heard, DateTimeOffset now, TimeSpan abandonActionAfter) => (news, recharge.Status, heard) switch
    {
        // The money was taken.
        (News.Paid paid, RechargeStatus.Processing, _) => Succeed(recharge, paid, now),
        (News.Paid paid, RechargeStatus.Unknown, Heard.Lookup or Heard.Event) => Succeed(recharge, paid, now),
        (News.Paid paid, RechargeStatus.RequiresAction, Heard.Lookup or Heard.Event) => Succeed(Processing(recharge, now), paid, now),
        // The payer completed 3-D Secure or a wallet's approval after the reconciler gave up on it:
        // the gateway charged, so the recharge succeeds late and the coins are credited, once. Only a
        // verified event has this say; a lookup leaves a FAILED recharge as it is.
        (News.Paid, RechargeStatus.Failed, Heard.Event) when RechargeStateMachine.IsLegal(recharge, RechargeStatus.Succeeded) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now, r => r with { Failure = null }),

        // The gateway took a payment that settles later (a bank debit collected over days): recorded
        // with its reference and the saved response, no coins; an event or a later lookup ends it.
        (News.Pending pending, RechargeStatus.Processing, Heard.Answer) => Pend(recharge, pending, now),
        (News.Pending pending, RechargeStatus.Processing, Heard.Lookup) when recharge.GatewayReference is null => Pend(recharge, pending, now),

        // The payer must act first (3-D Secure, an approval, a QR code to scan).
        (News.AwaitingPayer awaiting, RechargeStatus.Processing, Heard.Answer or Heard.Lookup) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.RequiresAction, now, r => r with { GatewayReference = awaiting.Reference, NextAction = awaiting.Action }),
        // A payment whose creation answer was lost (UNKNOWN) that a lookup finds waiting for the payer:
        // the payer was never shown the action, so it cannot complete; given up on like any other.
        (News.AwaitingPayer, RechargeStatus.RequiresAction or RechargeStatus.Unknown, Heard.Lookup) when Lapsed(recharge, now, abandonActionAfter) =>
            Expire(recharge, now),
        // The cancellation the reconciler asked for when it gave up on the payer, heard (an event, a
        // lookup) before the reconciler recorded it: the payer did not act in time, which is what
        // the recharge says, whoever records it first.
        (News.Declined { Failure.Code: RechargeFailure.PaymentCanceled }, RechargeStatus.RequiresAction, Heard.Lookup or Heard.Event) when Lapsed(recharge, now, abandonActionAfter) =>
            Expire(recharge, now),

        // The gateway refused; nothing was taken.
        (News.Declined declined, RechargeStatus.Processing, _) => Fail(recharge, declined, now),
        (News.Declined declined, RechargeStatus.Unknown, Heard.Lookup or Heard.Event) => Fail(recharge, declined, now),
        (News.Declined declined, RechargeStatus.RequiresAction, Heard.Lookup or Heard.Event) => Fail(Processing(recharge, now), declined, now),

        // The call may or may not have been processed: the reconciler or a webhook settles it later.
        (News.Undecided undecided, RechargeStatus.Processing, Heard.Answer or Heard.Lookup) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Unknown, now, r => r with { GatewayReference = undecided.Reference ?? r.GatewayReference }),

        // Our call provably charged nothing. A lookup that says so learned nothing: it asks again later.
        (News.NotCharged notCharged, RechargeStatus.Processing, Heard.Answer) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Failed, now, r => r with { Failure = notCharged.Failure }),

        // After the payment: refunds and disputes, told only by events.
        (News.Refunded refunded, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded, Heard.Event) => Refund(recharge, refunded, now),
        (News.DisputeOpened, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded, Heard.Event) =>
            RechargeStateMachine.Apply(recharge, RechargeStatus.Disputed, now),
        (News.DisputeWon, RechargeStatus.Disputed, Heard.Event) => RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now),
        (News.DisputeLost lost, RechargeStatus.Disputed, Heard.Event) => Reverse(recharge, lost.Event, now),
        // The opening of the dispute was missed: the loss alone still reverses the payment.
        (News.DisputeLost lost, RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded, Heard.Event) =>
            Reverse(RechargeStateMachine.Apply(recharge, RechargeStatus.Disputed, now).Recharge, lost.Event, now),

        _ => null,
    };

    private static News NewsOf(GatewayOutcome outcome) => outcome switch
    {
        GatewayOutcome.Succeeded s => new News.Paid(s.GatewayReference),
        GatewayOutcome.RequiresAction a => new News.AwaitingPayer(
            a.GatewayReference, new RechargeNextAction(a.RedirectUrl, a.QrCode, a.ExpiresAt, a.Voucher, a.CodePrompt, a.BankTransfer, a.AppApproval)),
        GatewayOutcome.Processing p => new News.Pending(p.GatewayReference),
        GatewayOutcome.Declined d => new News.Declined(d.GatewayReference, new RechargeFailure(d.Code, d.Message, d.GatewayCode)),
        GatewayOutcome.Unknown u => new News.Undecided(u.GatewayReference),
        GatewayOutcome.NotReached => new News.NotCharged(
            new RechargeFailure(RechargeFailure.GatewayUnavailable, "The payment provider could not be reached. Nothing was charged.", null)),
        GatewayOutcome.NotSupported => new News.NotCharged(
            new RechargeFailure(RechargeFailure.PaymentMethodNotSupported, "The payment provider does not support this payment method.", null)),
        _ => throw new InvalidOperationException($"Unhandled gateway outcome {outcome.GetType().Name}."),
    };

    // An event names the payment by the reference the recharge was found by, so it keeps its own.
    private static News NewsOf(GatewayEvent gatewayEvent, string gatewayName) => gatewayEvent switch
    {
        GatewayEvent.PaymentSucceeded => new News.Paid(Reference: null),
        GatewayEvent.PaymentFailed f => new News.Declined(Reference: null, new RechargeFailure(f.Code, "The payment failed at the payment provider.", f.GatewayCode)),
        GatewayEvent.Refunded r => new News.Refunded(r, gatewayName),
        GatewayEvent.DisputeOpened => new News.DisputeOpened(),
        GatewayEvent.DisputeWon => new News.DisputeWon(),
        GatewayEvent.DisputeLost l => new News.DisputeLost(l),
        _ => throw new InvalidOperationException($"Unhandled gateway event {gatewayEvent.GetType().Name}."),
    };

    /// <summary>
    /// Whether the payer's time is up: at the action's own expiry when the gateway gave one (a Pix
    /// code lives a day, a voucher days: waiting that long is normal, not a stuck payment), otherwise
    /// <paramref name="abandonActionAfter"/> after the last change.
    /// </summary>
    public static bool Lapsed(Recharge recharge, DateTimeOffset now, TimeSpan abandonActionAfter) =>
        recharge.NextAction?.ExpiresAt is { } expiresAt ? now >= expiresAt : now - recharge.UpdatedAt >= abandonActionAfter;

    private static Transition Pend(Recharge recharge, News.Pending pending, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Processing, now, r => r with { GatewayReference = pending.Reference });

    private static Transition Succeed(Recharge recharge, News.Paid paid, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, now, r => r with { GatewayReference = paid.Reference ?? r.GatewayReference });

    private static Transition Expire(Recharge recharge, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Failed, now, r => r with
        {
            NextAction = null,
            Failure = new RechargeFailure(RechargeFailure.ActionExpired, "The payment was not completed in time.", null),
        });

    private static Transition Fail(Recharge recharge, News.Declined declined, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Failed, now, r => r with { GatewayReference = declined.Reference ?? r.GatewayReference, Failure = declined.Failure });

    /// <summary>Back from waiting for the payer, to hear how the payment ended.</summary>
    private static Recharge Processing(Recharge recharge, DateTimeOffset now) =>
        RechargeStateMachine.Apply(recharge, RechargeStatus.Processing, now, r => r with { NextAction = null }).Recharge;

    /// <summary>A refund made at the gateway (its dashboard, or ours confirmed late): the part of the cumulative total not yet recorded.</summary>
    private static Transition? Refund(Recharge recharge, News.Refunded news, DateTimeOffset now)
    {
        var refunded = news.Event;
        var newly = refunded.TotalRefunded.MinorUnits - recharge.RefundedAmount.MinorUnits;
        if (refunded.TotalRefunded.Currency != recharge.Amount.Currency || newly <= 0 || recharge.PendingRefund is not null)
        {
            return null;
        }

        var amount = new Money(recharge.Amount.Currency, Math.Min(newly, recharge.Amount.Subtract(recharge.RefundedAmount).MinorUnits));
        var refund = new RechargeRefund(
            RechargeRefund.IdFor(recharge), amount, recharge.CoinsFor(amount), "refunded at the payment provider", "gateway:" + news.Gateway, now,
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

    /// <summary>How the gateway's word reached us.</summary>
    private enum Heard
    {
        /// <summary>The answer to our own charge or confirmation, for the recharge in PROCESSING.</summary>
        Answer,

        /// <summary>The answer to a status lookup, or the same charge asked again (the reconciler).</summary>
        Lookup,

        /// <summary>A verified webhook event.</summary>
        Event,
    }

    /// <summary>What the gateway says happened to the payment, however it said it.</summary>
    private abstract record News
    {
        /// <param name="Reference">The gateway's payment id when it gave one; null keeps the recharge's.</param>
        public sealed record Paid(string? Reference) : News;

        public sealed record AwaitingPayer(string Reference, RechargeNextAction Action) : News;

        /// <summary>Taken by the gateway, settling later (a bank debit).</summary>
        public sealed record Pending(string Reference) : News;

        public sealed record Declined(string? Reference, RechargeFailure Failure) : News;

        public sealed record Undecided(string? Reference) : News;

        /// <summary>Nothing was charged: the gateway was never reached, or does not take the method.</summary>
        public sealed record NotCharged(RechargeFailure Failure) : News;

        public sealed record Refunded(GatewayEvent.Refunded Event, string Gateway) : News;

        public sealed record DisputeOpened : News;

        public sealed record DisputeWon : News;

        public sealed record DisputeLost(GatewayEvent.DisputeLost Event) : News;
    }
}
