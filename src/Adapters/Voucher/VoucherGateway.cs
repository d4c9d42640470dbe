using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Prepaid vouchers: a code pays exactly its value, in its region, once. The redemption id is
/// derived from our idempotency key, so a retried charge finds its own redemption instead of a used
/// voucher. The gateway reference is the redemption id followed by the code's digest, so a
/// redemption whose answer was lost can be looked up where the voucher is stored.
/// </summary>
/// <param name="livemode">The deployment's mode: only vouchers issued in it pay.</param>
public sealed class VoucherGateway(IVoucherLedger ledger, TimeProvider time, bool livemode) : IPaymentGateway
{
    public const string GatewayName = "voucher";

    private const string RedemptionPrefix = "vch_";
    private const char DigestSeparator = '.';

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Voucher },
        Currencies: new HashSet<string>(),
        Regions: new HashSet<string>(),
        PartialRefunds: false);

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Instrument is not VoucherInstrument voucher)
        {
            return new GatewayOutcome.NotSupported("The voucher gateway takes voucher codes only.");
        }

        var reference = Reference(request.IdempotencyKey, voucher.CodeHash);
        var redemption = new VoucherRedemption(reference, voucher.CodeHash, request.Amount, request.RegionCode, time.GetUtcNow(), livemode);
        VoucherRedemptionResult result;
        try
        {
            result = await ledger.RedeemAsync(redemption, cancellationToken);
        }
        catch (Exception exception)
        {
            // The ledger (a remote store in production) may have applied the redemption before failing.
            return new GatewayOutcome.Unknown(reference, $"voucher ledger: {exception.Message}");
        }

        return VoucherMapping.Outcome(result, reference);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported("A voucher redemption needs no confirmation."));

    public async Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        var separator = gatewayReference.LastIndexOf(DigestSeparator);
        if (!gatewayReference.StartsWith(RedemptionPrefix, StringComparison.Ordinal) || separator < 0)
        {
            return new GatewayOutcome.Unknown(gatewayReference, "not a voucher redemption reference");
        }

        try
        {
            return await ledger.WasRedeemedAsync(gatewayReference[(separator + 1)..], gatewayReference, cancellationToken)
                ? new GatewayOutcome.Succeeded(gatewayReference)
                : new GatewayOutcome.Declined(gatewayReference, "voucher_not_redeemed", "The voucher was not redeemed.", null);
        }
        catch (Exception exception)
        {
            return new GatewayOutcome.Unknown(gatewayReference, $"voucher ledger: {exception.Message}");
        }
    }

    public Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken) =>
        Task.FromResult<RefundOutcome>(new RefundOutcome.NotSupported("Voucher payments are not refundable."));

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult<WebhookOutcome>(new WebhookOutcome.NotVerified("the voucher gateway sends no webhooks", LookupHint: null));

    /// <summary>"vch_" + 24 hex digits of the idempotency key's digest + "." + the code's digest.</summary>
    private static string Reference(string idempotencyKey, string codeHash) =>
        RedemptionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12)) + DigestSeparator + codeHash;
}
