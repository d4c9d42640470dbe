using PaymentCore.Limits;
using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// The state of recharges, idempotency keys and the outbox. Shaped for Redis: each method is one
/// atomic step on one user's shard (one hash slot), so a successful recharge costs two round
/// trips: <see cref="BeginAsync"/> before the gateway call, <see cref="CommitAsync"/> after it.
/// Implementations throw <see cref="StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IRechargeStore
{
    /// <summary>
    /// Atomically claims the idempotency key and writes <paramref name="proposed"/>: a new recharge
    /// when its <see cref="Recharge.Version"/> is 0, otherwise a change of the stored recharge with
    /// that version. Nothing is written unless the answer is <see cref="IdempotentStart.Started"/>
    /// with <c>Resumed</c> false. With no <paramref name="proposed"/> change, only an earlier
    /// request under the key is looked for (<see cref="IdempotentStart.NothingToStart"/> if none).
    /// <paramref name="userLimit"/>, a reservation on the user's own limit key (in the user's shard),
    /// is made in the same atomic step, and only when the answer is a fresh start (its decision in
    /// <see cref="IdempotentStart.Started.Reserved"/>): when the limit refuses the attempt, nothing
    /// is written and the answer is <see cref="IdempotentStart.Refused"/>.
    /// </summary>
    Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, LimitToReserve? userLimit, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a <see cref="BeginAsync"/> that created <paramref name="created"/> when the attempt
    /// was refused before reaching a gateway (a limit of another key): removes the recharge, releases
    /// the key, so a later retry with the same key starts afresh, and gives back <paramref name="reserved"/>,
    /// what that <see cref="BeginAsync"/> reserved on the user's limit key.
    /// </summary>
    Task AbandonAsync(IdempotencyClaim claim, Recharge created, LimitToReserve? reserved, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically writes a change of the recharge whose stored version is
    /// <c>commit.Recharge.Version</c>, appends its outbox event, and completes the idempotency
    /// claim with the stored recharge as the saved response.
    /// </summary>
    Task<CommitResult> CommitAsync(RechargeCommit commit, CancellationToken cancellationToken);

    Task<Recharge?> GetAsync(string rechargeId, CancellationToken cancellationToken);

    /// <summary>Remembers which recharge a gateway's payment id belongs to, for webhooks.</summary>
    Task IndexGatewayReferenceAsync(string gateway, string gatewayReference, string rechargeId, CancellationToken cancellationToken);

    /// <summary>The recharge of a gateway's payment id, if known.</summary>
    Task<string?> FindByGatewayReferenceAsync(string gateway, string gatewayReference, CancellationToken cancellationToken);

    /// <summary>A user's recharges, newest first, after <paramref name="cursor"/> (exclusive).</summary>
    Task<RechargePage> ListByUserAsync(string userId, int pageSize, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Recharges that may be stuck: in PROCESSING, UNKNOWN or REQUIRES_ACTION, unchanged since
    /// <paramref name="unchangedSince"/> and not looked at since then (<see cref="LookedAtAsync"/>),
    /// the longest untouched first, for the reconciler.
    /// </summary>
    Task<IReadOnlyList<Recharge>> ListUnsettledAsync(DateTimeOffset unchangedSince, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The reconciler looked the recharge up at <paramref name="at"/> and nothing changed (a voucher
    /// not paid yet, a debit still collecting): it goes behind the others in
    /// <see cref="ListUnsettledAsync"/>, so payments that wait for days never crowd out the rest.
    /// Nothing happens when it settled meanwhile.
    /// </summary>
    Task LookedAtAsync(Recharge recharge, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a recharge read from the ledger back into this store when it no longer holds it (its hot
    /// copy expired), so an old recharge can change again; false when the store holds one already.
    /// </summary>
    Task<bool> RestoreAsync(Recharge recharge, CancellationToken cancellationToken);

    /// <summary>Completes when the store answers; throws <see cref="StoreUnavailableException"/> when it does not.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}

/// <summary>A change to store in one atomic step.</summary>
/// <param name="Recharge">The changed recharge, still carrying the version it was derived from.</param>
/// <param name="Event">The outbox event of the change, if it moves coins.</param>
/// <param name="Completes">The idempotency claim this change finishes, if any.</param>
public sealed record RechargeCommit(Recharge Recharge, OutboxEvent? Event, IdempotencyClaim? Completes);

/// <summary>
/// A limit reservation the store makes in the atomic step of a claim (<see cref="IRechargeStore.BeginAsync"/>):
/// the user's own key, in the user's shard. As <see cref="ILimitLedger.ReserveAsync"/> with <paramref name="Horizon"/>;
/// given back as <see cref="LimitRelease.NotAttempted"/> when the attempt is abandoned.
/// </summary>
public sealed record LimitToReserve(LimitCheck Check, TimeSpan Horizon);

/// <summary>The store cannot be reached; nothing was changed by the failed call, or it is unknown whether it was.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
