using System.Text;
using global::Stripe;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// Verifies Stripe webhook deliveries: the <c>Stripe-Signature</c> HMAC over the raw body with the
/// endpoint's signing secret, and a timestamp within the tolerance, so a captured delivery cannot
/// be replayed later. Only then is the body read as an event.
/// </summary>
public sealed class StripeWebhooks(string signingSecret, TimeSpan tolerance)
{
    public const string SignatureHeader = "Stripe-Signature";

    public WebhookOutcome Parse(WebhookDelivery delivery)
    {
        var json = Encoding.UTF8.GetString(delivery.Body.Span);
        if (delivery.Header(SignatureHeader) is not { Length: > 0 } signature)
        {
            return new WebhookOutcome.NotVerified($"no {SignatureHeader} header", StripeMapping.LookupHint(ReadUnverified(json)));
        }

        Event verified;
        try
        {
            verified = EventUtility.ConstructEvent(
                json,
                signature,
                signingSecret,
                tolerance: (long)tolerance.TotalSeconds,
                utcNow: delivery.ReceivedAt.ToUnixTimeSeconds(),
                throwOnApiVersionMismatch: false);
        }
        catch (StripeException exception)
        {
            return new WebhookOutcome.NotVerified($"stripe: {exception.Message}", StripeMapping.LookupHint(ReadUnverified(json)));
        }
        catch (System.Text.Json.JsonException exception)
        {
            // Signed by Stripe but not an event we can read: nothing to trust or look up.
            return new WebhookOutcome.NotVerified($"stripe: unreadable event ({exception.Message})", LookupHint: null);
        }

        return StripeMapping.Outcome(verified);
    }

    /// <summary>Reads a body whose signature did not check out, only to name a payment to look up.</summary>
    private static Event? ReadUnverified(string json)
    {
        try
        {
            return EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or StripeException or ArgumentException)
        {
            return null;
        }
    }
}
