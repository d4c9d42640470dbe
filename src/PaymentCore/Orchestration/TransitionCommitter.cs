using PaymentCore.Audit;
using PaymentCore.Limits;
using PaymentCore.Pricing;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Orchestration;

/// <summary>
/// The one way a state transition is stored: the commit (state, outbox event, saved response) and,
/// in parallel on other slots, the gateway's payment id indexed for webhooks and the transition in
/// the audit trail; after it, a failed payment gives its amount back to the limits (recording a
/// gateway's decline there) and its promotion redemptions back. Every transition that is written
/// is also told to the saved instruments (a purchase that saves its instrument succeeded, a payment
/// with one succeeded or was declined): this is the one place a recharge becomes SUCCEEDED, however
/// it got there (its answer, ConfirmRecharge, a webhook, the reconciler).
/// </summary>
public sealed class TransitionCommitter(
    IRechargeStore store, LimitGuard guard, PriceGuard prices, IAuditTrail audit, SavedInstrumentBook savedInstruments, TimeProvider time)
{
    /// <summary>Commits; <see cref="CommitResult.Stale"/> when the recharge changed meanwhile and nothing was written.</summary>
    public async Task<CommitResult> CommitAsync(Transition transition, IdempotencyClaim? claim)
    {
        var recharge = transition.Recharge with { InFlightClaim = null };
        // Declined payments are indexed too: a gateway that later reports one paid is then heard
        // (and its contradiction logged) instead of being told to retry for ever. A debit still
        // PROCESSING at the gateway is indexed so that its settlement's webhook finds it.
        var index = recharge is { GatewayReference: { } reference, Status: RechargeStatus.Succeeded or RechargeStatus.RequiresAction or RechargeStatus.Unknown or RechargeStatus.Failed or RechargeStatus.Processing }
            ? store.IndexGatewayReferenceAsync(recharge.Gateway, reference, recharge.RechargeId, CancellationToken.None)
            : Task.CompletedTask;
        var audited = audit.AppendAsync(TransitionAudit.Of(recharge, transition.Event, TransitionAudit.Committed, time.GetUtcNow()), CancellationToken.None);
        var result = await store.CommitAsync(new RechargeCommit(recharge, transition.Event, claim), CancellationToken.None);
        await Task.WhenAll(index, audited);
        switch (result)
        {
            case CommitResult.Stale:
                // The append-only trail is corrected, never rewritten: another writer got there first.
                await audit.AppendAsync(TransitionAudit.Of(recharge, transition.Event, TransitionAudit.NotApplied, time.GetUtcNow()), CancellationToken.None);
                break;
            case CommitResult.Committed { Recharge.Status: RechargeStatus.Failed } failed:
                await Task.WhenAll(
                    guard.ReleaseFailedAsync(failed.Recharge), prices.ReleaseAsync(failed.Recharge), savedInstruments.AfterCommitAsync(failed.Recharge, transition.Event));
                break;
            case CommitResult.Committed committed:
                await savedInstruments.AfterCommitAsync(committed.Recharge, transition.Event);
                break;
        }

        return result;
    }

    /// <summary>
    /// Commits, or, when another attempt committed first, answers with what it stored: attempts of
    /// one step asked the gateway with the same idempotency key, so their outcome is the same.
    /// </summary>
    public async Task<Recharge> CommitOrLatestAsync(Transition transition, IdempotencyClaim? claim) =>
        await CommitAsync(transition, claim) switch
        {
            CommitResult.Committed c => c.Recharge,
            CommitResult.Stale s => s.Current,
            var other => throw new InvalidOperationException($"Unhandled commit result {other.GetType().Name}."),
        };
}
