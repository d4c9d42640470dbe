using System.Collections.Concurrent;
using PaymentCore.Errors;
using PaymentCore.Recharges;

namespace PaymentCore.Orchestration;

/// <summary>
/// The idempotency scopes this process is creating a recharge for right now. A duplicate that
/// arrives while the first request is still in flight here is answered at once, as the store would
/// answer it (IN_PROGRESS, or KEY_REUSED for other parameters), without reaching Redis.
/// </summary>
/// <remarks>
/// Besides saving the store's work, this keeps a storm of duplicates from refusing the request they
/// duplicate: each duplicate reserves its limits under a recharge id of its own in the same round
/// trip that tells it the key is taken, so a hundred duplicates counted a hundred transient attempts
/// and could push the first request over the user's attempt limit. Duplicates that reach other
/// replicas still go to the store, which stays the authority on every key.
/// </remarks>
public sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="claim"/>'s scope as in flight until the returned lease is disposed.</summary>
    /// <exception cref="PaymentCoreException">The scope is already in flight in this process.</exception>
    public Lease Enter(IdempotencyClaim claim)
    {
        while (!_fingerprints.TryAdd(claim.ScopeKey, claim.Fingerprint))
        {
            if (_fingerprints.TryGetValue(claim.ScopeKey, out var fingerprint))
            {
                throw fingerprint == claim.Fingerprint
                    ? PaymentCoreException.IdempotencyInProgress()
                    : PaymentCoreException.IdempotencyKeyReused();
            }

            // The first request finished between the two looks: try again, and the store will replay it.
        }

        return new Lease(this, claim.ScopeKey);
    }

    /// <summary>Ends a scope's time in flight.</summary>
    public readonly struct Lease(InFlightRequests owner, string scopeKey) : IDisposable
    {
        public void Dispose() => owner._fingerprints.TryRemove(scopeKey, out _);
    }
}
