namespace PaymentCore.Adapters.Voucher;

/// <summary>One attempt to pay <paramref name="Amount"/> in <paramref name="RegionCode"/> with the voucher whose code hashes to <paramref name="CodeHash"/>.</summary>
public sealed record VoucherRedemption(string RedemptionId, string CodeHash, Money Amount, string RegionCode, DateTimeOffset At);

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
}
