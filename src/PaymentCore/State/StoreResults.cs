using PaymentCore.Limits;
using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>What the store answered when a request claimed its idempotency key.</summary>
public abstract record IdempotentStart
{
    private IdempotentStart()
    {
    }

    /// <summary>
    /// The request owns the key and its write was stored. <paramref name="Resumed"/> is true when
    /// an earlier attempt's lease had expired: <paramref name="Recharge"/> is then that attempt's
    /// recharge as last recorded, and the caller resumes from its status. <paramref name="Reserved"/>:
    /// the user's limit reservation asked for, counted with a fresh start (its window counts from
    /// before the attempt); null when none was asked for, and when resumed (nothing was counted).
    /// </summary>
    public sealed record Started(Recharge Recharge, bool Resumed, LimitDecision? Reserved = null) : IdempotentStart;

    /// <summary>The user's limit reservation asked for refused the attempt (<c>Decision.Breach</c>): nothing was written, the key is not held.</summary>
    public sealed record Refused(LimitDecision Decision) : IdempotentStart;

    /// <summary>The same request completed before: its saved response.</summary>
    public sealed record Replayed(Recharge Response) : IdempotentStart;

    /// <summary>
    /// The same request completed before, and its saved response is a version of a recharge the hot
    /// store no longer holds (only the ledger does). The ledger-backed store answers with that version
    /// from the ledger, so callers never see it.
    /// </summary>
    public sealed record ReplayedNotHeld(string RechargeId, long Version) : IdempotentStart;

    /// <summary>The same request is still running under a live lease.</summary>
    public sealed record InProgress : IdempotentStart;

    /// <summary>The key was used for a request with other parameters.</summary>
    public sealed record KeyReused : IdempotentStart;

    /// <summary>The recharge changed since it was read; nothing was written, the key is not held.</summary>
    public sealed record Stale(Recharge Current) : IdempotentStart;

    /// <summary>No request was saved under the key and there was nothing to write.</summary>
    public sealed record NothingToStart : IdempotentStart;

    /// <summary>
    /// The change is of a recharge the hot store no longer holds (only the ledger does); nothing was
    /// written. The ledger-backed store puts the recharge back and tries again, so callers never see it.
    /// </summary>
    public sealed record NotHeld : IdempotentStart;
}

/// <summary>What the store answered to a commit.</summary>
public abstract record CommitResult
{
    private CommitResult()
    {
    }

    /// <summary>Stored, with its new version.</summary>
    public sealed record Committed(Recharge Recharge) : CommitResult;

    /// <summary>Someone else changed the recharge first; nothing was written.</summary>
    public sealed record Stale(Recharge Current) : CommitResult;

    /// <summary>The hot store no longer holds the recharge (only the ledger does); nothing was written. See <see cref="IdempotentStart.NotHeld"/>.</summary>
    public sealed record NotHeld : CommitResult;
}

/// <summary>A page of a user's recharges, newest first, and the cursor of the next page.</summary>
public sealed record RechargePage(IReadOnlyList<Recharge> Recharges, string? NextCursor);
