using System.Collections.Frozen;

namespace PaymentCore.Recharges;

/// <summary>
/// The one place that knows which status changes are legal and which of them move coins.
/// An illegal change is a bug: it is refused with <see cref="IllegalTransitionException"/>
/// (and logged by whoever catches it), never applied.
/// </summary>
public static class RechargeStateMachine
{
    private static readonly FrozenDictionary<(RechargeStatus From, RechargeStatus To), CoinMovement> Transitions =
        new Dictionary<(RechargeStatus, RechargeStatus), CoinMovement>
        {
            [(RechargeStatus.Created, RechargeStatus.Processing)] = CoinMovement.None,
            [(RechargeStatus.Processing, RechargeStatus.RequiresAction)] = CoinMovement.None,
            // The gateway took a payment that settles days later (a bank debit): its reference is
            // recorded and the recharge stays PROCESSING until the money arrives or the debit fails.
            [(RechargeStatus.Processing, RechargeStatus.Processing)] = CoinMovement.None,
            [(RechargeStatus.Processing, RechargeStatus.Succeeded)] = CoinMovement.Credit,
            [(RechargeStatus.Processing, RechargeStatus.Failed)] = CoinMovement.None,
            [(RechargeStatus.Processing, RechargeStatus.Unknown)] = CoinMovement.None,
            [(RechargeStatus.RequiresAction, RechargeStatus.Processing)] = CoinMovement.None,
            [(RechargeStatus.RequiresAction, RechargeStatus.Failed)] = CoinMovement.None,
            [(RechargeStatus.Unknown, RechargeStatus.Succeeded)] = CoinMovement.Credit,
            [(RechargeStatus.Unknown, RechargeStatus.Failed)] = CoinMovement.None,
            // A late success: only from a failure of kind action_expired (see IsLateSuccess).
            [(RechargeStatus.Failed, RechargeStatus.Succeeded)] = CoinMovement.Credit,
            [(RechargeStatus.Succeeded, RechargeStatus.PartiallyRefunded)] = CoinMovement.Debit,
            [(RechargeStatus.Succeeded, RechargeStatus.Refunded)] = CoinMovement.Debit,
            [(RechargeStatus.Succeeded, RechargeStatus.Disputed)] = CoinMovement.None,
            [(RechargeStatus.PartiallyRefunded, RechargeStatus.PartiallyRefunded)] = CoinMovement.Debit,
            [(RechargeStatus.PartiallyRefunded, RechargeStatus.Refunded)] = CoinMovement.Debit,
            [(RechargeStatus.PartiallyRefunded, RechargeStatus.Disputed)] = CoinMovement.None,
            [(RechargeStatus.Disputed, RechargeStatus.Reversed)] = CoinMovement.Debit,
            [(RechargeStatus.Disputed, RechargeStatus.Succeeded)] = CoinMovement.None,
        }.ToFrozenDictionary();

    /// <summary>Whether this recharge may move to <paramref name="to"/> (from FAILED only by a late success).</summary>
    public static bool IsLegal(Recharge recharge, RechargeStatus to) =>
        Transitions.ContainsKey((recharge.Status, to)) && (recharge.Status != RechargeStatus.Failed || IsLateSuccess(recharge));

    /// <summary>Whether the payment has no final outcome yet: the reconciler watches these.</summary>
    public static bool IsUnsettled(RechargeStatus status) =>
        status is RechargeStatus.Processing or RechargeStatus.Unknown or RechargeStatus.RequiresAction;

    /// <summary>
    /// Moves <paramref name="recharge"/> to <paramref name="to"/>, applying <paramref name="change"/>
    /// to the other fields, and returns the one outbox event the move emits, if it moves coins:
    /// the credit is built here; a debit carries refund or dispute details, so the flow that
    /// debits supplies it as <paramref name="debit"/> (and must, or the move is refused).
    /// </summary>
    public static Transition Apply(
        Recharge recharge,
        RechargeStatus to,
        DateTimeOffset now,
        Func<Recharge, Recharge>? change = null,
        Func<Recharge, OutboxEvent>? debit = null)
    {
        if (!IsLegal(recharge, to) || !Transitions.TryGetValue((recharge.Status, to), out var movement))
        {
            throw new IllegalTransitionException(recharge.RechargeId, recharge.Status, to);
        }

        var next = (change?.Invoke(recharge) ?? recharge) with { Status = to, UpdatedAt = now };
        var coinEvent = movement switch
        {
            CoinMovement.Credit => OutboxEvent.CreditFor(next, now),
            CoinMovement.Debit => debit?.Invoke(next)
                ?? throw new InvalidOperationException($"Recharge {recharge.RechargeId}: {recharge.Status} -> {to} debits coins but no debit was given."),
            _ => null,
        };
        return new Transition(next, coinEvent);
    }

    /// <summary>
    /// FAILED is final but for one case: the payer completed 3-D Secure or a wallet's approval after
    /// we stopped waiting (action_expired) and the gateway reports the payment succeeded. The money
    /// was taken, so the coins are owed; any other failure stays final.
    /// </summary>
    private static bool IsLateSuccess(Recharge recharge) => recharge.Failure?.IsActionExpired == true;

    private enum CoinMovement
    {
        None,
        Credit,
        Debit,
    }
}

/// <summary>A recharge after a status change, and the outbox event to commit with it.</summary>
public sealed record Transition(Recharge Recharge, OutboxEvent? Event);

/// <summary>A status change the state machine does not allow: a bug, never applied.</summary>
public sealed class IllegalTransitionException(string rechargeId, RechargeStatus from, RechargeStatus to)
    : InvalidOperationException($"Recharge {rechargeId}: illegal transition {from} -> {to}.")
{
    public RechargeStatus From { get; } = from;
    public RechargeStatus To { get; } = to;
}
