namespace PaymentCore.Adapters.Voucher;

/// <summary>A batch of prepaid vouchers, all alike: each pays exactly <paramref name="Value"/> in <paramref name="RegionCode"/> until <paramref name="ExpiresAt"/>.</summary>
/// <param name="BatchId">Derived from who asked and their idempotency key, so a retried issuance names the same batch.</param>
/// <param name="Fingerprint">Digest of the issuance's parameters; the same batch id with another fingerprint is a reused key.</param>
/// <param name="IssuedAt">When the attempt that issued the batch started.</param>
/// <param name="RequestedBy">The person or tool the calling service acted for.</param>
/// <param name="Reason">Why the batch was issued (a campaign, an order).</param>
/// <param name="Livemode">The mode of the deployment that issued it: a voucher pays only in that mode, so a
/// test voucher can never buy real coins.</param>
public sealed record VoucherBatch(
    string BatchId,
    string Fingerprint,
    int Count,
    Money Value,
    string RegionCode,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    string RequestedBy,
    string Reason,
    bool Livemode)
{
    /// <summary>
    /// How long a batch and its vouchers are kept after they expire: a redemption retried or looked
    /// up by the reconciler after the expiry still finds its answer, and a retried issuance its batch.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public DateTimeOffset KeepUntil => ExpiresAt + Retention;
}

/// <summary>One attempt at issuing a batch; once it has begun, it owns the batch until <paramref name="LeaseExpiresAt"/>.</summary>
/// <param name="AttemptId">Unique per attempt: only the attempt holding the batch can issue it.</param>
public sealed record VoucherIssuance(VoucherBatch Batch, string AttemptId, DateTimeOffset Now, DateTimeOffset LeaseExpiresAt);

/// <summary>What the ledger answered when an attempt claimed its batch.</summary>
public abstract record VoucherBatchStart
{
    private VoucherBatchStart()
    {
    }

    /// <summary>The attempt owns the batch: issue it.</summary>
    public sealed record Started : VoucherBatchStart;

    /// <summary>The batch was issued before, as stored then (its codes are not known any more).</summary>
    public sealed record AlreadyIssued(VoucherBatch Batch) : VoucherBatchStart;

    /// <summary>Another attempt holds the batch under a live lease.</summary>
    public sealed record InProgress : VoucherBatchStart;

    /// <summary>The batch id was claimed for an issuance with other parameters.</summary>
    public sealed record KeyReused : VoucherBatchStart;
}

/// <summary>How issuing a claimed batch ended.</summary>
public enum VoucherIssueResult
{
    /// <summary>Every voucher is stored and the batch is issued: hand out the codes.</summary>
    Issued,

    /// <summary>A code exists already (in another batch): nothing was kept and the claim is released.</summary>
    CodeConflict,

    /// <summary>Another attempt took the batch over (this one's lease had expired): nothing of this attempt was kept.</summary>
    Superseded,
}
