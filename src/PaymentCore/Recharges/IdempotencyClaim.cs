using PaymentCore.State;

namespace PaymentCore.Recharges;

/// <summary>
/// One idempotent request as the store sees it.
/// </summary>
/// <param name="UserId">The user the request is for; the store keeps the claim in the user's shard.</param>
/// <param name="ScopeKey">Digest of calling service + user + idempotency key (see <see cref="IdempotencyScope"/>).</param>
/// <param name="Fingerprint">Digest of the request's parameters; a different one under the same key is a reuse.</param>
/// <param name="LeaseExpiresAt">Until when an unfinished request owns the key; after that a retry resumes it.</param>
/// <param name="RetainUntil">Until when the key and its saved response are kept.</param>
public sealed record IdempotencyClaim(
    string UserId,
    string ScopeKey,
    string Fingerprint,
    DateTimeOffset LeaseExpiresAt,
    DateTimeOffset RetainUntil);
