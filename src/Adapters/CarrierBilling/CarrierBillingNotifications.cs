using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// The operator's notifications: CloudEvents (<c>application/cloudevents+json</c>) posted to our
/// sink with the bearer token we gave as <c>sinkCredential</c>, compared in constant time. Even an
/// authentic notification is only a hint: what it reports is read back from the operator
/// (<c>GET /payments/{id}</c>, its refunds) before it becomes a <see cref="GatewayEvent"/>, so a
/// leaked token can make us look a payment up, never move money.
/// </summary>
internal sealed partial class CarrierBillingNotifications(CarrierBillingApi api, CarrierBillingOptions options, ILogger logger)
{
    private const string PaymentEvents = "org.camaraproject.carrier-billing.v0.payment-";
    private const string RefundEvents = "org.camaraproject.carrier-billing-refund.v0.refund-";

    public async Task<WebhookOutcome> ParseAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var cloudEvent = Read(delivery.Body.Span);
        var hint = cloudEvent?.Data?.PaymentId;
        if (!Authentic(delivery.Header("Authorization")))
        {
            LogRefused(cloudEvent?.Id, cloudEvent?.Type);
            return new WebhookOutcome.NotVerified("carrier_billing: the notification's bearer token is not ours", hint);
        }

        if (!IsCloudEvent(delivery.Header("Content-Type")) || cloudEvent is not { Id.Length: > 0, Type.Length: > 0, Data.PaymentId.Length: > 0 })
        {
            return new WebhookOutcome.NotVerified("carrier_billing: not a CAMARA CloudEvent (application/cloudevents+json)", hint);
        }

        try
        {
            var gatewayEvent = cloudEvent.Type switch
            {
                var type when type.StartsWith(PaymentEvents, StringComparison.Ordinal) => await PaymentEventAsync(cloudEvent, cancellationToken),
                var type when type.StartsWith(RefundEvents, StringComparison.Ordinal) => await RefundEventAsync(cloudEvent, cancellationToken),
                _ => null,
            };
            return gatewayEvent is null ? new WebhookOutcome.Ignored(cloudEvent.Id, cloudEvent.Type) : new WebhookOutcome.Verified(gatewayEvent);
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return new WebhookOutcome.NotVerified($"carrier_billing: the notification could not be checked with the operator ({exception.GetType().Name})", hint);
        }
    }

    /// <summary>What the operator says of the payment now: only a final status is an event.</summary>
    private async Task<GatewayEvent?> PaymentEventAsync(CamaraCloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var payment = await ReadPaymentAsync(cloudEvent.Data!.PaymentId!, cancellationToken);
        return (payment.PaymentStatus, CarrierBillingMapping.Standing(payment, pending: null)) switch
        {
            ("succeeded", _) when CarrierBillingMapping.Amount(payment) is { } amount =>
                new GatewayEvent.PaymentSucceeded(cloudEvent.Id!, payment.PaymentId, cloudEvent.Time, amount),
            (_, GatewayOutcome.Declined declined) =>
                new GatewayEvent.PaymentFailed(cloudEvent.Id!, payment.PaymentId, cloudEvent.Time, declined.Code, declined.GatewayCode),
            _ => null,
        };
    }

    /// <summary>Everything refunded on the payment so far, from the operator's list of its refunds.</summary>
    private async Task<GatewayEvent?> RefundEventAsync(CamaraCloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var payment = await ReadPaymentAsync(cloudEvent.Data!.PaymentId!, cancellationToken);
        var refunds = await api.ListRefundsAsync(payment.PaymentId, cancellationToken);
        if (CarrierBillingMapping.Amount(payment) is not { } paid || refunds.Body is not { } made)
        {
            throw new HttpRequestException($"The operator's refunds of the payment could not be read (HTTP {(int)refunds.Status}).");
        }

        var succeeded = made.Where(r => r.RefundStatus == "succeeded").ToList();
        var total = succeeded.Any(r => r.Type == "total")
            ? paid
            : succeeded
                .Select(r => r.AmountTransaction?.RefundAmount.ChargingInformation)
                .Select(c => c is null ? null : CarrierBillingAmounts.FromCamara(c.Currency, c.Amount))
                .Aggregate(Money.Zero(paid.Currency), (sum, part) => part is { } refunded && refunded.Currency == paid.Currency ? sum.Add(refunded) : sum);
        return total.MinorUnits > 0
            ? new GatewayEvent.Refunded(cloudEvent.Id!, payment.PaymentId, cloudEvent.Time, total, cloudEvent.Data.RefundId)
            : null;
    }

    private async Task<CamaraPayment> ReadPaymentAsync(string paymentId, CancellationToken cancellationToken)
    {
        var reply = await api.GetAsync(paymentId, cancellationToken);
        return reply.Body ?? throw new HttpRequestException($"The operator did not show the payment (HTTP {(int)reply.Status}).");
    }

    private bool Authentic(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(options.NotificationToken));
    }

    private static bool IsCloudEvent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "application/cloudevents+json", StringComparison.OrdinalIgnoreCase);

    private static CamaraCloudEvent? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<CamaraCloudEvent>(body, CamaraJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier billing notification {EventId} ({EventType}) refused: its bearer token is not ours")]
    private partial void LogRefused(string? eventId, string? eventType);
}
