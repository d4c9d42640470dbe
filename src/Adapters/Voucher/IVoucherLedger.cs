namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Where prepaid vouchers live. Codes are never stored, only their digests
/// (<see cref="VoucherCodes.Hash"/>). Each redemption is one atomic step on its voucher: two
/// concurrent redemptions of one code cannot both succeed. Issuance goes in two steps, claim then
/// issue, so that a retried issuance names the same batch and can never issue a second one.
/// Implementations that reach a remote store throw when it cannot be reached.
/// </summary>
public interface IVoucherLedger
{
    /// <summary>
    /// Claims <paramref name="issuance"/>'s batch for this attempt: a new batch id, or one whose
    /// earlier attempt's lease expired before it was issued (that attempt's vouchers are then
    /// worthless: its codes were never handed out, and it can no longer complete the batch).
    /// </summary>
    Task<VoucherBatchStart> BeginBatchAsync(VoucherIssuance issuance, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one voucher per code digest and marks the batch issued, all or nothing for what can
    /// be spent: unless the answer is <see cref="VoucherIssueResult.Issued"/>, the vouchers this
    /// attempt stored are taken out again, and the codes must not be handed out.
    /// </summary>
    /// <param name="codeHashes">Distinct digests, <see cref="VoucherBatch.Count"/> of them.</param>
    Task<VoucherIssueResult> IssueAsync(VoucherIssuance issuance, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken);

    /// <summary>
    /// Redeems a voucher for exactly its value, in its region, before it expires. Asking again with
    /// the same redemption id answers <see cref="VoucherRedemptionResult.Redeemed"/> again and
    /// redeems nothing more.
    /// </summary>
    Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken);

    /// <summary>Whether the voucher whose code hashes to <paramref name="codeHash"/> was redeemed by <paramref name="redemptionId"/>.</summary>
    Task<bool> WasRedeemedAsync(string codeHash, string redemptionId, CancellationToken cancellationToken);
}
