namespace PaymentCore.Vouchers;

public static class VoucherServiceCollectionExtensions
{
    /// <summary>Voucher issuance (AdminService.IssueVouchers), on the voucher ledger the state store registers.</summary>
    public static IServiceCollection AddVoucherIssuance(this IServiceCollection services) =>
        services.AddSingleton<VoucherIssuer>();
}
