using PaymentCore.Adapters;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Currencies;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Vouchers;

/// <summary>A validated IssueVouchers: a batch of <paramref name="Count"/> vouchers, each worth <paramref name="Value"/> in <paramref name="RegionCode"/>.</summary>
public sealed record IssueVouchersCommand(
    IdempotentRequest Request,
    int Count,
    Money Value,
    string RegionCode,
    DateTimeOffset ExpiresAt,
    string RequestedBy,
    string Reason)
{
    /// <summary>Derived from calling service and idempotency key: every retry names the same batch.</summary>
    public string BatchId { get; } = "vb_" + IdempotencyScope.KeyFor(Request.Caller, Request.IdempotencyKey)[..32];

    /// <summary>What the audit entry of the call says: who asked, why, and what.</summary>
    public string AuditReason =>
        $"requested by {RequestedBy}: {Reason} (batch {BatchId}: {Count} vouchers of {MoneyText.Format(Value, CurrencyTable.Iso4217)} {Value.Currency} in {RegionCode})";

    /// <param name="livemode">The issuing deployment's mode, which the vouchers carry.</param>
    public VoucherBatch BatchAt(DateTimeOffset issuedAt, bool livemode) =>
        new(BatchId, Request.Fingerprint, Count, Value, RegionCode, ExpiresAt, issuedAt, RequestedBy, Reason, livemode);
}

/// <summary>A batch as issued, with its codes when this call issued it; a replay has none.</summary>
public sealed record IssuedVouchers(VoucherBatch Batch, IReadOnlyList<string> Codes, bool Replayed);
