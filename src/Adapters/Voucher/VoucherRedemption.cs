namespace PaymentCore.Adapters.Voucher;

/// <summary>One attempt to pay <paramref name="Amount"/> in <paramref name="RegionCode"/> with the voucher whose code hashes to <paramref name="CodeHash"/>.</summary>
/// <param name="Livemode">The mode of the deployment redeeming it; a voucher issued in the other mode does not pay.</param>
public sealed record VoucherRedemption(string RedemptionId, string CodeHash, Money Amount, string RegionCode, DateTimeOffset At, bool Livemode);

/// <summary>The ledger's answer to a redemption; anything but <see cref="Redeemed"/> redeemed nothing.</summary>
public enum VoucherRedemptionResult
{
    Redeemed,
    UnknownCode,
    AlreadyRedeemed,
    Expired,
    WrongRegion,
    WrongCurrency,
    WrongAmount,

    /// <summary>The voucher was issued in the other mode (a test voucher offered to a live deployment, or the reverse).</summary>
    WrongMode,
}
