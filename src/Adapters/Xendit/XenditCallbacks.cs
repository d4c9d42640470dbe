using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Xendit;

/// <summary>
/// Xendit's callbacks. Xendit does not sign them: each carries the account's callback verification
/// token in <c>x-callback-token</c>, compared here in constant time. Even an authentic callback is
/// only a hint: the payment request it names is read from Xendit, and the event says what that
/// answer says, so a replayed or stale callback can only repeat the current truth.
/// </summary>
internal sealed class XenditCallbacks(XenditApi api, XenditOptions options, TimeProvider time)
{
    public const string TokenHeader = "x-callback-token";

    private readonly byte[] _expectedToken = Digest(options.CallbackToken);

    public async Task<WebhookOutcome> ParseAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (Read(delivery.Body.Span) is not { Event: { } eventType, Data: { } data })
        {
            return new WebhookOutcome.NotVerified("xendit: body is not a callback", LookupHint: null);
        }

        // A payment names its payment request; a payment request callback is about itself.
        var paymentRequestId = data.PaymentRequestId ?? (eventType.StartsWith("payment_request.", StringComparison.Ordinal) ? data.Id : null);
        if (delivery.Header(TokenHeader) is not { Length: > 0 } token)
        {
            return new WebhookOutcome.NotVerified($"xendit: no {TokenHeader} header", paymentRequestId);
        }

        if (!CryptographicOperations.FixedTimeEquals(Digest(token), _expectedToken))
        {
            return new WebhookOutcome.NotVerified($"xendit: {TokenHeader} does not match", paymentRequestId);
        }

        var eventId = $"{eventType}:{data.Id}";
        if (paymentRequestId is null)
        {
            return new WebhookOutcome.Ignored(eventId, eventType);
        }

        try
        {
            var reply = await api.GetPaymentRequestAsync(paymentRequestId, cancellationToken);
            if (reply.Body is not { } request)
            {
                // Authentic but not readable now: refusing makes Xendit deliver it again later.
                return new WebhookOutcome.NotVerified($"xendit: payment request {paymentRequestId} could not be read (HTTP {(int)reply.Status})", LookupHint: null);
            }

            return XenditMapping.Event(eventId, request, time.GetUtcNow()) is { } fact
                ? new WebhookOutcome.Verified(fact)
                : new WebhookOutcome.Ignored(eventId, eventType);
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return new WebhookOutcome.NotVerified($"xendit: payment request {paymentRequestId} could not be read ({exception.GetType().Name})", LookupHint: null);
        }
    }

    /// <summary>Tokens are compared as SHA-256 digests, so the comparison takes the same time whatever their lengths.</summary>
    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static XenditCallback? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<XenditCallback>(json, XenditJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
