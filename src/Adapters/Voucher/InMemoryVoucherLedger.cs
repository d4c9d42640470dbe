namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// The ledger of the embedded default: one process, one lock, nothing survives a restart. Under the
/// lock a batch is stored whole or not at all; the answers are those of the Redis ledger.
/// </summary>
public sealed class InMemoryVoucherLedger : IVoucherLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BatchRecord> _batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredVoucher> _vouchers = new(StringComparer.Ordinal);

    public Task<VoucherBatchStart> BeginBatchAsync(VoucherIssuance issuance, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var batch = issuance.Batch;
            var stored = _batches.GetValueOrDefault(batch.BatchId);
            VoucherBatchStart? refusal = IdempotencyRule.Judge(stored?.Batch.Fingerprint, stored?.Issued == true, stored?.LeaseExpiresAt ?? default, batch.Fingerprint, issuance.Now) switch
            {
                ClaimVerdict.KeyReused => new VoucherBatchStart.KeyReused(),
                ClaimVerdict.Answered => new VoucherBatchStart.AlreadyIssued(stored!.Batch),
                ClaimVerdict.InProgress => new VoucherBatchStart.InProgress(),
                _ => null, // absent, or an attempt whose lease lapsed: this attempt takes the batch over
            };
            if (refusal is not null)
            {
                return Task.FromResult(refusal);
            }

            _batches[batch.BatchId] = new BatchRecord(batch, issuance.AttemptId, issuance.LeaseExpiresAt, Issued: false);
            return Task.FromResult<VoucherBatchStart>(new VoucherBatchStart.Started());
        }
    }

    public Task<VoucherIssueResult> IssueAsync(VoucherIssuance issuance, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken)
    {
        if (codeHashes.Distinct(StringComparer.Ordinal).Count() != codeHashes.Count)
        {
            throw new ArgumentException("The code digests of a batch must be distinct.", nameof(codeHashes));
        }

        lock (_lock)
        {
            var batch = issuance.Batch;
            var owned = _batches.TryGetValue(batch.BatchId, out var record) && record.AttemptId == issuance.AttemptId;
            if (codeHashes.Any(hash => _vouchers.TryGetValue(hash, out var voucher) && !voucher.IsOf(issuance)))
            {
                if (owned && !record!.Issued)
                {
                    _batches.Remove(batch.BatchId);
                }

                return Task.FromResult(VoucherIssueResult.CodeConflict);
            }

            if (!owned)
            {
                return Task.FromResult(VoucherIssueResult.Superseded);
            }

            foreach (var hash in codeHashes)
            {
                _vouchers[hash] = new StoredVoucher(batch.BatchId, issuance.AttemptId, batch.Value, batch.RegionCode, batch.ExpiresAt, batch.Livemode, RedeemedBy: null);
            }

            _batches[batch.BatchId] = record! with { Issued = true };
            return Task.FromResult(VoucherIssueResult.Issued);
        }
    }

    public Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Redeem(redemption));
        }
    }

    public Task<bool> WasRedeemedAsync(string codeHash, string redemptionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_vouchers.TryGetValue(codeHash, out var voucher) && voucher.RedeemedBy == redemptionId);
        }
    }

    private VoucherRedemptionResult Redeem(VoucherRedemption redemption)
    {
        if (!_vouchers.TryGetValue(redemption.CodeHash, out var voucher))
        {
            return VoucherRedemptionResult.UnknownCode;
        }

        VoucherRedemptionResult? refusal = voucher switch
        {
            // The mode first: another mode's voucher says nothing about itself, used or not.
            _ when voucher.Livemode != redemption.Livemode => VoucherRedemptionResult.WrongMode,
            { RedeemedBy: { } by } => by == redemption.RedemptionId ? VoucherRedemptionResult.Redeemed : VoucherRedemptionResult.AlreadyRedeemed,
            _ when redemption.At >= voucher.ExpiresAt => VoucherRedemptionResult.Expired,
            _ when voucher.RegionCode != redemption.RegionCode => VoucherRedemptionResult.WrongRegion,
            _ when voucher.Value.Currency != redemption.Amount.Currency => VoucherRedemptionResult.WrongCurrency,
            _ when voucher.Value.MinorUnits != redemption.Amount.MinorUnits => VoucherRedemptionResult.WrongAmount,
            _ => null,
        };
        if (refusal is { } answer)
        {
            return answer;
        }

        _vouchers[redemption.CodeHash] = voucher with { RedeemedBy = redemption.RedemptionId };
        return VoucherRedemptionResult.Redeemed;
    }

    private sealed record BatchRecord(VoucherBatch Batch, string AttemptId, DateTimeOffset LeaseExpiresAt, bool Issued);

    private sealed record StoredVoucher(string BatchId, string AttemptId, Money Value, string RegionCode, DateTimeOffset ExpiresAt, bool Livemode, string? RedeemedBy)
    {
        public bool IsOf(VoucherIssuance issuance) => BatchId == issuance.Batch.BatchId && AttemptId == issuance.AttemptId;
    }
}
