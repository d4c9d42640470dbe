namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Configuration section <c>Gateways:Voucher</c>. Vouchers need no credentials, only a ledger, so
/// the gateway is offered when enabled. Off by default until vouchers can be issued to the ledger.
/// </summary>
public sealed class VoucherOptions
{
    public const string Section = "Gateways:Voucher";

    public bool Enabled { get; set; }
}
