namespace PaymentCore.Adapters.Voucher;

/// <summary>Translates the ledger's answers into the adapter contract.</summary>
internal static class VoucherMapping
{
    public static GatewayOutcome Outcome(VoucherRedemptionResult result, string redemptionId) => result switch
    {
        VoucherRedemptionResult.Redeemed => new GatewayOutcome.Succeeded(redemptionId),
        VoucherRedemptionResult.UnknownCode => Declined("voucher_invalid", "The voucher code is not valid.", "unknown_code"),
        VoucherRedemptionResult.AlreadyRedeemed => Declined("voucher_used", "The voucher has already been used.", "already_redeemed"),
        VoucherRedemptionResult.Expired => Declined("voucher_expired", "The voucher has expired.", "expired"),
        VoucherRedemptionResult.WrongRegion => Declined("voucher_wrong_region", "The voucher is for another region.", "wrong_region"),
        VoucherRedemptionResult.WrongCurrency => Declined("voucher_amount_mismatch", "The voucher is for another currency.", "wrong_currency"),
        VoucherRedemptionResult.WrongAmount => Declined("voucher_amount_mismatch", "The voucher's value does not match the price.", "wrong_amount"),
        VoucherRedemptionResult.WrongMode => Declined("voucher_wrong_mode", "The voucher was issued for testing and pays no real coins.", "wrong_mode"),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown voucher redemption result."),
    };

    private static GatewayOutcome.Declined Declined(string code, string message, string ledgerCode) =>
        new(null, code, message, ledgerCode);
}
