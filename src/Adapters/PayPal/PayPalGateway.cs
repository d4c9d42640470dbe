using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// PayPal Checkout over the Orders v2 REST API: an order with intent CAPTURE whose approval link
/// is the next action, captured on confirmation, refunded capture by capture. Our idempotency
/// keys travel as <c>PayPal-Request-Id</c>. The order id is the payment's reference throughout.
/// </summary>
public sealed class PayPalGateway : IPaymentGateway, IDisposable
{
    public const string GatewayName = "paypal";

    private readonly ClientCredentialsTokens _tokens;
    private readonly PayPalApi _api;
    private readonly PayPalWebhooks _webhooks;

    /// <param name="httpClient">Sends the requests; its timeout is set from <see cref="PayPalOptions.RequestTimeout"/>.</param>
    public PayPalGateway(HttpClient httpClient, PayPalOptions options, TimeProvider time)
    {
        httpClient.Timeout = options.RequestTimeout;
        _tokens = new ClientCredentialsTokens(httpClient, "PayPal", options.Endpoint("v1/oauth2/token"), options.ClientId, options.ClientSecret, scope: null, time);
        _api = new PayPalApi(httpClient, _tokens, options);
        _webhooks = new PayPalWebhooks(_api, options);
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.PayPal },
        Currencies: PayPalCurrencyRules.Currencies,
        Regions: new HashSet<string>(),
        PartialRefunds: true);

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Instrument is not PayPalInstrument payer)
        {
            return new GatewayOutcome.NotSupported("PayPal takes PayPal payers only.");
        }

        if (!PayPalCurrencyRules.TryFormat(request.Amount, out var value, out var problem))
        {
            return new GatewayOutcome.NotSupported(problem);
        }

        try
        {
            var reply = await _api.CreateOrderAsync(PayPalMapping.OrderRequest(request, payer, value), request.IdempotencyKey, cancellationToken);
            return reply.Body is { } order ? PayPalMapping.Outcome(order) : PayPalMapping.Outcome(reply, reference: null);
        }
        catch (TokenUnavailableException exception)
        {
            return new GatewayOutcome.NotReached($"paypal: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.ChargeOutcome("paypal", exception, reference: null);
        }
    }

    /// <summary>Captures an order the payer approved; an order in any other state is reported as it stands.</summary>
    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        AboutOrderAsync(confirmation.GatewayReference, async orderId =>
        {
            var current = await _api.GetOrderAsync(orderId, cancellationToken);
            if (current.Body?.Status != "APPROVED")
            {
                return current.Body is { } order ? PayPalMapping.Outcome(order) : PayPalMapping.Outcome(current, orderId);
            }

            var captured = await _api.CaptureOrderAsync(orderId, confirmation.IdempotencyKey, cancellationToken);
            if (captured.Body is { } completed)
            {
                return PayPalMapping.Outcome(completed);
            }

            // Captured meanwhile by an earlier attempt whose answer was lost: read what it did.
            return captured.Error?.Code == "ORDER_ALREADY_CAPTURED" && (await _api.GetOrderAsync(orderId, cancellationToken)).Body is { } now
                ? PayPalMapping.Outcome(now)
                : PayPalMapping.Outcome(captured, orderId);
        });

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken) =>
        AboutOrderAsync(gatewayReference, async orderId =>
        {
            var reply = await _api.GetOrderAsync(orderId, cancellationToken);
            return reply.Body is { } order ? PayPalMapping.Outcome(order) : PayPalMapping.Outcome(reply, orderId);
        });

    /// <summary>Refunds against the order's completed capture, found by reading the order first.</summary>
    public async Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (!PayPalCurrencyRules.TryFormat(refund.Amount, out var value, out var problem))
        {
            return new RefundOutcome.NotSupported(problem);
        }

        PayPalCapture? capture;
        try
        {
            var order = await _api.GetOrderAsync(refund.GatewayReference, cancellationToken);
            if (order.Body is null)
            {
                return PayPalMapping.RefundOutcome(order);
            }

            capture = PayPalMapping.CompletedCapture(order.Body);
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            // Only the order was read; no refund was asked for.
            return new RefundOutcome.NotReached($"paypal: {exception.Message}");
        }

        if (capture is null)
        {
            return new RefundOutcome.Declined("payment_not_captured", "The PayPal payment was never captured.", null);
        }

        try
        {
            var reply = await _api.RefundCaptureAsync(capture.Id, PayPalMapping.RefundRequest(refund, value), refund.IdempotencyKey, cancellationToken);
            return reply.Body is { } made ? PayPalMapping.RefundOutcome(made) : PayPalMapping.RefundOutcome(reply);
        }
        catch (TokenUnavailableException exception)
        {
            return new RefundOutcome.NotReached($"paypal: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.RefundOutcome("paypal", exception);
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _webhooks.ParseAsync(delivery, cancellationToken);

    public void Dispose() => _tokens.Dispose();

    /// <summary>Runs a call about an existing order: if PayPal cannot be asked, where the order stands is unknown.</summary>
    private static async Task<GatewayOutcome> AboutOrderAsync(string orderId, Func<string, Task<GatewayOutcome>> call)
    {
        try
        {
            return await call(orderId);
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return new GatewayOutcome.Unknown(orderId, $"paypal: no usable answer ({exception.Message})");
        }
    }
}
