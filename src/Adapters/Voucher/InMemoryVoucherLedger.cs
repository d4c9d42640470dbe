namespace PaymentCore.Adapters.Voucher;

/// <summary>The ledger of the embedded default: one process, one lock, nothing survives a restart.</summary>
public sealed class InMemoryVoucherLedger : IVoucherLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PrepaidVoucher> _vouchers = new(StringComparer.Ordinal);

    /// <summary>Code hash → the redemption id that used it.</summary>
    private readonly Dictionary<string, string> _redeemedBy = new(StringComparer.Ordinal);

    public Task<bool> IssueAsync(IReadOnlyCollection<PrepaidVoucher> batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (batch.DistinctBy(v => v.CodeHash).Count() != batch.Count || batch.Any(v => _vouchers.ContainsKey(v.CodeHash)))
            {
                return Task.FromResult(false);
            }

            foreach (var voucher in batch)
            {
                _vouchers.Add(voucher.CodeHash, voucher);
            }

            return Task.FromResult(true);
        }
    }

    public Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Redeem(redemption));
        }
    }

    public Task<bool> WasRedeemedAsync(string redemptionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_redeemedBy.ContainsValue(redemptionId));
        }
    }

    private VoucherRedemptionResult Redeem(VoucherRedemption redemption)
    {
        if (!_vouchers.TryGetValue(redemption.CodeHash, out var voucher))
        {
            return VoucherRedemptionResult.UnknownCode;
        }

        if (_redeemedBy.TryGetValue(redemption.CodeHash, out var redeemedBy))
        {
            return redeemedBy == redemption.RedemptionId ? VoucherRedemptionResult.Redeemed : VoucherRedemptionResult.AlreadyRedeemed;
        }

        if (redemption.At >= voucher.ExpiresAt)
        {
            return VoucherRedemptionResult.Expired;
        }

        if (voucher.Value.Currency != redemption.Amount.Currency)
        {
            return VoucherRedemptionResult.WrongCurrency;
        }

        if (voucher.Value.MinorUnits != redemption.Amount.MinorUnits)
        {
            return VoucherRedemptionResult.WrongAmount;
        }

        _redeemedBy.Add(redemption.CodeHash, redemption.RedemptionId);
        return VoucherRedemptionResult.Redeemed;
    }
}
