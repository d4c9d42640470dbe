using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Prepaid vouchers: a code pays exactly its value, once. The redemption id is derived from our
/// idempotency key, so a retried charge finds its own redemption instead of a used voucher, and a
/// redemption whose answer was lost can be looked up by the reference it would have had.
/// </summary>
public sealed class VoucherGateway(IVoucherLedger ledger, TimeProvider time) : IPaymentGateway
{
    public const string GatewayName = "voucher";

    private const string RedemptionPrefix = "vch_";

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

        var redemptionId = RedemptionId(request.IdempotencyKey);
        var redemption = new VoucherRedemption(redemptionId, VoucherCodes.Hash(voucher.Code), request.Amount, time.GetUtcNow());
        VoucherRedemptionResult result;
        try
        {
            result = await ledger.RedeemAsync(redemption, cancellationToken);
        }
        catch (Exception exception)
        {
            // The ledger (a remote store in production) may have applied the redemption before failing.
            return new GatewayOutcome.Unknown(redemptionId, $"voucher ledger: {exception.Message}");
        }

        return VoucherMapping.Outcome(result, redemptionId);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported("A voucher redemption needs no confirmation."));

    public async Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.WasRedeemedAsync(gatewayReference, cancellationToken)
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

    private static string RedemptionId(string idempotencyKey) =>
        RedemptionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12));
}
