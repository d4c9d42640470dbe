namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Where prepaid vouchers live. Codes are never stored, only their hashes
/// (<see cref="VoucherCodes.Hash"/>). Each operation is atomic: two concurrent redemptions of one
/// code cannot both succeed.
/// </summary>
public interface IVoucherLedger
{
    /// <summary>Adds a batch, all or nothing.</summary>
    /// <returns>False, and nothing issued, when a code of the batch exists already.</returns>
    Task<bool> IssueAsync(IReadOnlyCollection<PrepaidVoucher> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Redeems a voucher for exactly its value. Asking again with the same redemption id answers
    /// <see cref="VoucherRedemptionResult.Redeemed"/> again and redeems nothing more.
    /// </summary>
    Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken);

    /// <summary>Whether a redemption with this id took place.</summary>
    Task<bool> WasRedeemedAsync(string redemptionId, CancellationToken cancellationToken);
}

/// <summary>A prepaid voucher worth exactly <paramref name="Value"/> until <paramref name="ExpiresAt"/>.</summary>
public sealed record PrepaidVoucher(string CodeHash, Money Value, DateTimeOffset ExpiresAt);

/// <summary>One attempt to pay <paramref name="Amount"/> with the voucher whose code hashes to <paramref name="CodeHash"/>.</summary>
public sealed record VoucherRedemption(string RedemptionId, string CodeHash, Money Amount, DateTimeOffset At);

public enum VoucherRedemptionResult
{
    Redeemed,
    UnknownCode,
    AlreadyRedeemed,
    Expired,
    WrongCurrency,
    WrongAmount,
}
