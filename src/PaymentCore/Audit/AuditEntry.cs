namespace PaymentCore.Audit;

/// <summary>
/// One line of the audit trail: who did what to which recharge, when, and how it ended.
/// Holds no request data beyond ids and the reason: the idempotency key only as a digest.
/// </summary>
/// <param name="Caller">The calling service (<see cref="Api.CallerIdentity"/>), or the component that acted.</param>
/// <param name="Action">The RPC path (e.g. "/paymentcore.v1.RechargeService/RefundRecharge") or a transition (e.g. "transition:SUCCEEDED->REFUNDED").</param>
/// <param name="RechargeId">The recharge acted on, when known.</param>
/// <param name="IdempotencyKeyDigest">SHA-256 hex of the idempotency key, when the call had one.</param>
/// <param name="Outcome">The gRPC status code name of the call ("OK", "PERMISSION_DENIED", …) or the result of the step.</param>
/// <param name="Livemode">The mode of the deployment that recorded it (of the recharge, for a transition).</param>
/// <param name="Reason">Why, when there is more to say (a refund reason, the operator on whose behalf a service acted).</param>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt,
    string Caller,
    string Action,
    string? RechargeId,
    string? IdempotencyKeyDigest,
    string Outcome,
    bool Livemode,
    string? Reason = null);

/// <summary>An entry as stored, with the trail's id of it (ordered by time of appending).</summary>
public sealed record StoredAuditEntry(string EntryId, AuditEntry Entry);

/// <summary>A page of entries, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<StoredAuditEntry> Entries, string? NextCursor);
