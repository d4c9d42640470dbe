namespace PaymentCore.Adapters;

/// <summary>What a request finds under its idempotency key.</summary>
public enum ClaimVerdict
{
    /// <summary>No live record: the request starts.</summary>
    Absent,

    /// <summary>The key was used for a request with other parameters: refused.</summary>
    KeyReused,

    /// <summary>The earlier request was answered: its answer is replayed.</summary>
    Answered,

    /// <summary>The earlier request still holds its lease: this one must wait and retry.</summary>
    InProgress,

    /// <summary>The earlier request's lease lapsed unanswered (it crashed or gave up): this one takes over.</summary>
    Lapsed,
}

/// <summary>
/// The one rule of claim, lease, resume and replay that every idempotency record follows, for
/// recharges and for voucher batches alike: here for the in-memory stores, and in
/// <c>idempotency_common.lua</c> for the Redis scripts (which cannot call .NET). It lives beside the
/// gateway contract because the voucher ledger's port does.
/// </summary>
public static class IdempotencyRule
{
    /// <param name="storedFingerprint">The fingerprint of the request that claimed the key; null when no live record holds it.</param>
    /// <param name="answered">Whether that request's answer was saved.</param>
    /// <param name="leaseExpiresAt">Until when that request holds the key.</param>
    /// <param name="fingerprint">The fingerprint of the request that comes now.</param>
    /// <param name="now">The present, by the caller's clock.</param>
    public static ClaimVerdict Judge(string? storedFingerprint, bool answered, DateTimeOffset leaseExpiresAt, string fingerprint, DateTimeOffset now) =>
        storedFingerprint is null ? ClaimVerdict.Absent
        : !string.Equals(storedFingerprint, fingerprint, StringComparison.Ordinal) ? ClaimVerdict.KeyReused
        : answered ? ClaimVerdict.Answered
        : leaseExpiresAt > now ? ClaimVerdict.InProgress
        : ClaimVerdict.Lapsed;
}
