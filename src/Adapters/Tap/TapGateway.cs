using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Tap;

/// <summary>
/// Kuwait through Tap Payments' charges API: a KNET charge (<c>source.id</c> <c>src_kw.knet</c>) whose
/// <c>transaction.url</c> is KNET's payment page, confirmed by reading the charge once the payer is
/// back. Our idempotency key travels as <c>reference.idempotent</c>, so a charge whose answer was
/// lost is asked for again and Tap answers with the charge it already made.
/// </summary>
public sealed class TapGateway : IPaymentGateway
{
    public const string GatewayName = "tap";

    private readonly TapApi _api;
    private readonly TapWebhooks _webhooks;

    /// <param name="httpClient">Sends the requests; its timeout is set from <see cref="TapOptions.RequestTimeout"/>.</param>
    public TapGateway(HttpClient httpClient, TapOptions options, TimeProvider time)
    {
        httpClient.Timeout = options.RequestTimeout;
        _api = new TapApi(httpClient, options);
        _webhooks = new TapWebhooks(_api, options, time);
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Knet },
        Currencies: new HashSet<string> { TapMapping.Currency },
        Regions: new HashSet<string> { TapMapping.Region },
        PartialRefunds: true);

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Instrument is not KnetInstrument knet)
        {
            return new GatewayOutcome.NotSupported($"Tap does not take {request.Instrument.MethodType} here.");
        }

        if (!TapMapping.TryDinars(request.Amount, out var dinars, out var problem))
        {
            return new GatewayOutcome.NotSupported(problem);
        }

        var charge = TapMapping.KnetCharge(request, knet, dinars);
        var outcome = await CreateAsync(charge, cancellationToken);
        // Lost or a server error: the same idempotent charge again reads back the one Tap made, if any.
        return outcome is GatewayOutcome.Unknown { GatewayReference: null } ? await CreateAsync(charge, CancellationToken.None) : outcome;
    }

    /// <summary>The payer came back from KNET's page: the charge says whether they paid.</summary>
    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        LookupAsync(confirmation.GatewayReference, cancellationToken);

    public async Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _api.GetChargeAsync(gatewayReference, cancellationToken);
            return reply.Body is { } charge ? TapMapping.Outcome(charge) : TapMapping.Outcome(reply, gatewayReference);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return new GatewayOutcome.Unknown(gatewayReference, $"tap: no usable answer ({exception.GetType().Name})");
        }
    }

    public async Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (!TapMapping.TryDinars(refund.Amount, out var dinars, out var problem))
        {
            return new RefundOutcome.NotSupported(problem);
        }

        try
        {
            var reply = await _api.CreateRefundAsync(TapMapping.RefundRequest(refund, dinars), cancellationToken);
            return reply.Body is { } made ? TapMapping.RefundOutcome(made) : TapMapping.RefundOutcome(reply);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.RefundOutcome(GatewayName, exception);
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _webhooks.ParseAsync(delivery, cancellationToken);

    private async Task<GatewayOutcome> CreateAsync(TapChargeRequest charge, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _api.CreateChargeAsync(charge, cancellationToken);
            return reply.Body is { } created ? TapMapping.Outcome(created) : TapMapping.Outcome(reply, reference: null);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.ChargeOutcome(GatewayName, exception, reference: null);
        }
    }
}
