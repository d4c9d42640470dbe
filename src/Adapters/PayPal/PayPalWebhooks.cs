using System.Globalization;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// Verifies PayPal webhook deliveries by asking PayPal (<c>verify-webhook-signature</c>) with the
/// delivery's transmission headers, our webhook id and the event exactly as received. A delivery
/// PayPal does not confirm, or that cannot be checked right now, is not trusted; one whose
/// transmission time is outside the tolerance is refused before asking, as a replay.
/// </summary>
internal sealed class PayPalWebhooks(PayPalApi api, PayPalOptions options)
{
    private const string AuthAlgo = "PAYPAL-AUTH-ALGO";
    private const string CertUrl = "PAYPAL-CERT-URL";
    private const string TransmissionId = "PAYPAL-TRANSMISSION-ID";
    private const string TransmissionSig = "PAYPAL-TRANSMISSION-SIG";
    private const string TransmissionTime = "PAYPAL-TRANSMISSION-TIME";

    public async Task<WebhookOutcome> ParseAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (Read<PayPalEvent>(delivery.Body.Span) is not { Id: not null, EventType: not null } paypalEvent)
        {
            return new WebhookOutcome.NotVerified("paypal: body is not a webhook event", LookupHint: null);
        }

        var hint = LookupHint(paypalEvent);
        var headers = new[] { AuthAlgo, CertUrl, TransmissionId, TransmissionSig, TransmissionTime }
            .Select(name => (Name: name, Value: delivery.Header(name)))
            .ToList();
        if (headers.FirstOrDefault(h => string.IsNullOrEmpty(h.Value)) is { Name: { } missing })
        {
            return new WebhookOutcome.NotVerified($"paypal: no {missing} header", hint);
        }

        if (!DateTimeOffset.TryParse(delivery.Header(TransmissionTime), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt)
            || (delivery.ReceivedAt - sentAt).Duration() > options.WebhookTolerance)
        {
            return new WebhookOutcome.NotVerified("paypal: transmission time outside the tolerance", hint);
        }

        if (await VerifyAsync(delivery, cancellationToken) is { } failure)
        {
            return new WebhookOutcome.NotVerified(failure, hint);
        }

        return await ToOutcomeAsync(paypalEvent, cancellationToken);
    }

    /// <returns>Null when PayPal confirmed the signature, else why it is not trusted.</returns>
    private async Task<string?> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await api.VerifyWebhookSignatureAsync(VerificationRequest(delivery), cancellationToken);
            return reply.Body?.VerificationStatus == "SUCCESS"
                ? null
                : $"paypal: verification {reply.Body?.VerificationStatus ?? $"failed with HTTP {(int)reply.Status}"}";
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return $"paypal: verification unavailable ({exception.Message})";
        }
    }

    /// <summary>
    /// The <c>verify_webhook_signature</c> body. The event is written as the raw bytes received:
    /// PayPal checks the signature over them, and re-serializing could reorder or re-escape them.
    /// </summary>
    private byte[] VerificationRequest(WebhookDelivery delivery)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("auth_algo", delivery.Header(AuthAlgo));
            json.WriteString("cert_url", delivery.Header(CertUrl));
            json.WriteString("transmission_id", delivery.Header(TransmissionId));
            json.WriteString("transmission_sig", delivery.Header(TransmissionSig));
            json.WriteString("transmission_time", delivery.Header(TransmissionTime));
            json.WriteString("webhook_id", options.WebhookId);
            json.WritePropertyName("webhook_event");
            json.WriteRawValue(delivery.Body.Span, skipInputValidation: false);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<WebhookOutcome> ToOutcomeAsync(PayPalEvent paypalEvent, CancellationToken cancellationToken)
    {
        if (Attribute(paypalEvent) is not { } attribution)
        {
            return new WebhookOutcome.Ignored(paypalEvent.Id, paypalEvent.EventType);
        }

        var orderId = attribution.OrderId ?? await OrderOfCaptureAsync(attribution.CaptureId, cancellationToken);
        if (orderId is null)
        {
            // Authentic but not yet attributable: refusing makes PayPal deliver it again later.
            return new WebhookOutcome.NotVerified($"paypal: order of capture {attribution.CaptureId} could not be read", LookupHint: null);
        }

        return attribution.Build(orderId) is { } domainEvent
            ? new WebhookOutcome.Verified(domainEvent)
            : new WebhookOutcome.Ignored(paypalEvent.Id, paypalEvent.EventType);
    }

    /// <summary>Which capture (and, when the resource says, which order) an event is about, and how to read it.</summary>
    private static Attribution? Attribute(PayPalEvent paypalEvent)
    {
        switch (paypalEvent.EventType)
        {
            case "PAYMENT.CAPTURE.COMPLETED" or "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED"
                when Read<PayPalCapture>(paypalEvent.Resource) is { } capture:
                return new Attribution(capture.Id, capture.SupplementaryData?.RelatedIds?.OrderId,
                    orderId => PayPalMapping.CaptureEvent(paypalEvent, capture, orderId));
            case "PAYMENT.CAPTURE.REFUNDED"
                when Read<PayPalRefund>(paypalEvent.Resource) is { } refund && PayPalMapping.CaptureIdOf(refund) is { } refundedCapture:
                return new Attribution(refundedCapture, null, orderId => PayPalMapping.RefundEvent(paypalEvent, refund, orderId));
            case "CUSTOMER.DISPUTE.CREATED" or "CUSTOMER.DISPUTE.RESOLVED"
                when Read<PayPalDispute>(paypalEvent.Resource) is { } dispute
                    && dispute.DisputedTransactions?.FirstOrDefault()?.SellerTransactionId is { } disputedCapture:
                return new Attribution(disputedCapture, null, orderId => PayPalMapping.DisputeEvent(paypalEvent, dispute, orderId));
            default:
                return null;
        }
    }

    /// <summary>Refunds and disputes name the capture; our payment reference is its order.</summary>
    private async Task<string?> OrderOfCaptureAsync(string captureId, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await api.GetCaptureAsync(captureId, cancellationToken);
            return reply.Body?.SupplementaryData?.RelatedIds?.OrderId;
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return null;
        }
    }

    private static string? LookupHint(PayPalEvent unverified) =>
        unverified.EventType.StartsWith("PAYMENT.CAPTURE.", StringComparison.Ordinal)
            ? Read<PayPalCapture>(unverified.Resource)?.SupplementaryData?.RelatedIds?.OrderId
            : null;

    private static T? Read<T>(ReadOnlySpan<byte> json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, PayPalJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? Read<T>(JsonElement element)
        where T : class
    {
        try
        {
            return element.ValueKind == JsonValueKind.Object ? element.Deserialize<T>(PayPalJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Attribution(string CaptureId, string? OrderId, Func<string, GatewayEvent?> Build);
}
