using Microsoft.Extensions.Options;
using PaymentCore.Errors;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Orchestration;

/// <summary>Makes the idempotency claims of requests, with the configured lease and retention.</summary>
public sealed class IdempotencyClaims(IOptions<IdempotencyOptions> options)
{
    public IdempotencyClaim For(IdempotentRequest request, string userId, DateTimeOffset now) => new(
        userId,
        IdempotencyScope.KeyFor(request.Caller, userId, request.IdempotencyKey),
        request.Fingerprint,
        now + options.Value.Lease,
        now + options.Value.Retention);
}

/// <summary>Shared steps of the idempotent flows.</summary>
public static class IdempotentSteps
{
    /// <summary>The recharge a request owns now, and whether it resumes an earlier attempt; the refusals as errors.</summary>
    public static (Recharge Recharge, bool Resumed) Owned(this IdempotentStart start) => start switch
    {
        IdempotentStart.Started s => (s.Recharge, s.Resumed),
        IdempotentStart.InProgress => throw PaymentCoreException.IdempotencyInProgress(),
        IdempotentStart.KeyReused => throw PaymentCoreException.IdempotencyKeyReused(),
        _ => throw new InvalidOperationException($"Unexpected idempotency answer {start.GetType().Name}."),
    };

    /// <summary>
    /// Commits, or, when a resumed attempt committed first, answers with what it stored: both
    /// attempts called the gateway with the same idempotency key, so the outcome is the same.
    /// </summary>
    public static async Task<Recharge> CommitOrLatestAsync(this IRechargeStore store, RechargeCommit commit)
    {
        var result = await store.CommitAsync(commit, CancellationToken.None);
        return result switch
        {
            CommitResult.Committed c => c.Recharge,
            CommitResult.Stale s => s.Current,
            _ => throw new InvalidOperationException($"Unhandled commit result {result.GetType().Name}."),
        };
    }
}
