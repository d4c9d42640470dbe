namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Configuration section <c>Gateways:Voucher</c>. Vouchers need no credentials, only a ledger, so
/// the gateway is offered when enabled. Off unless configured; the shipped appsettings.json turns it
/// on, since the host issues vouchers (AdminService.IssueVouchers).
/// </summary>
public sealed class VoucherOptions
{
    public const string Section = "Gateways:Voucher";

    public bool Enabled { get; set; }
}
