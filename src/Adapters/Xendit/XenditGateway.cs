using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Xendit;

/// <summary>
/// Indonesia through Xendit's Payment Requests API: a payment request per charge, carrying our
/// recharge id as <c>reference_id</c> and our idempotency key as <c>idempotency-key</c>. QRIS answers
/// with the code to show, a virtual account with the account number to transfer to, an e-wallet with
/// the wallet's page (DANA, ShopeePay) or a push to the payer's OVO app; the payer pays
/// in their bank or e-wallet app, which a callback or a lookup tells. A charge whose answer was lost is looked for by our reference before it is called unknown.
/// </summary>
public sealed class XenditGateway : IPaymentGateway
{
    public const string GatewayName = "xendit";

    private readonly XenditApi _api;
    private readonly XenditCallbacks _callbacks;
    private readonly XenditOptions _options;
    private readonly TimeProvider _time;

    /// <param name="httpClient">Sends the requests; its timeout is set from <see cref="XenditOptions.RequestTimeout"/>.</param>
    public XenditGateway(HttpClient httpClient, XenditOptions options, TimeProvider time)
    {
        httpClient.Timeout = options.RequestTimeout;
        _options = options;
        _time = time;
        _api = new XenditApi(httpClient, options);
        _callbacks = new XenditCallbacks(_api, options, time);
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Qris, PaymentMethodType.VirtualAccount, PaymentMethodType.Ewallet },
        Currencies: new HashSet<string> { XenditMapping.Currency },
        Regions: new HashSet<string> { XenditMapping.Country },
        PartialRefunds: true);

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (!XenditMapping.TryRupiah(request.Amount, out var rupiah, out var problem))
        {
            return new GatewayOutcome.NotSupported(problem);
        }

        if (request.Instrument is EwalletInstrument { Wallet: EwalletWallets.Ovo, HasDialableNumber: false })
        {
            // Asked again from the stored recharge (the reconciler), which keeps the phone number masked:
            // the first attempt's payment request is found by our reference, or it never reached Xendit.
            return await ReadBackAsync(request.Reference, new GatewayOutcome.Declined(
                null, "payment_not_found", "The OVO payment never reached Xendit; nothing was charged. Please try again.", null));
        }

        if (XenditMapping.PaymentRequest(request, rupiah, _time.GetUtcNow() + _options.VirtualAccountLifetime) is not { } parameters)
        {
            return new GatewayOutcome.NotSupported($"Xendit does not take {request.Instrument.MethodType} here.");
        }

        JsonReply<XenditPaymentRequest, XenditError> reply;
        try
        {
            reply = await _api.CreatePaymentRequestAsync(parameters, request.IdempotencyKey, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            var outcome = TransportFailure.ChargeOutcome(GatewayName, exception, reference: null);
            return outcome is GatewayOutcome.Unknown ? await ReadBackAsync(request.Reference, outcome) : outcome;
        }

        if (reply.Body is { } created)
        {
            return XenditMapping.Outcome(created);
        }

        var failed = XenditMapping.Outcome(reply, reference: null);
        return failed is GatewayOutcome.Unknown ? await ReadBackAsync(request.Reference, failed) : failed;
    }

    /// <summary>Nothing to confirm at Xendit: the payer pays in their app. Reports where the payment request stands.</summary>
    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        LookupAsync(confirmation.GatewayReference, cancellationToken);

    public async Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _api.GetPaymentRequestAsync(gatewayReference, cancellationToken);
            return reply.Body is { } request ? XenditMapping.Outcome(request) : XenditMapping.Outcome(reply, gatewayReference);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return new GatewayOutcome.Unknown(gatewayReference, $"xendit: no usable answer ({exception.GetType().Name})");
        }
    }

    /// <summary>
    /// Refunds a paid payment request. Xendit refunds QRIS and e-wallet (OVO, DANA, ShopeePay) payments, in full or in part; a payment to a bank
    /// virtual account cannot be refunded through Xendit, which is a clear decline, not an error.
    /// </summary>
    public async Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (!XenditMapping.TryRupiah(refund.Amount, out var rupiah, out var problem))
        {
            return new RefundOutcome.NotSupported(problem);
        }

        try
        {
            var paid = await _api.GetPaymentRequestAsync(refund.GatewayReference, cancellationToken);
            if (paid.Body?.PaymentMethod?.Type == XenditMapping.VirtualAccountType)
            {
                return new RefundOutcome.Declined(
                    "refund_not_supported", "Xendit cannot refund a transfer into a virtual account; pay the user back another way.", XenditMapping.VirtualAccountType);
            }
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            // Only the payment request was read; no refund was asked for.
            return new RefundOutcome.NotReached($"xendit: {exception.Message}");
        }

        try
        {
            var reply = await _api.CreateRefundAsync(XenditMapping.RefundRequest(refund, rupiah), refund.IdempotencyKey, cancellationToken);
            return reply.Body is { } made ? XenditMapping.RefundOutcome(made) : XenditMapping.RefundOutcome(reply);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.RefundOutcome(GatewayName, exception);
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _callbacks.ParseAsync(delivery, cancellationToken);

    /// <summary>
    /// The answer to a new payment request was lost (or was a server error), or the charge is asked
    /// again without what created it: Xendit may have created it, so it is looked for by our reference.
    /// Found, it is the outcome; provably absent (Xendit answered the search), <paramref name="notFound"/>;
    /// the search itself unanswered, the charge stays unknown.
    /// </summary>
    private async Task<GatewayOutcome> ReadBackAsync(string reference, GatewayOutcome notFound)
    {
        var unanswered = notFound as GatewayOutcome.Unknown ?? new GatewayOutcome.Unknown(null, "xendit: the search by reference had no usable answer");
        try
        {
            var found = await _api.FindPaymentRequestsAsync(reference, CancellationToken.None);
            return found.Body?.Data is not { } requests ? unanswered
                : requests.FirstOrDefault(r => r.ReferenceId == reference) is { } request ? XenditMapping.Outcome(request)
                : notFound;
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return unanswered;
        }
    }
}
