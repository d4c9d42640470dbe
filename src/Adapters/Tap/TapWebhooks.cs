using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Tap;

/// <summary>
/// Tap's webhooks: the charge object, signed in the <c>hashstring</c> header with an HMAC-SHA256 of
/// its id, amount (with the currency's decimals), currency, gateway and payment references, status
/// and creation time, keyed by the secret key. Even a verified webhook is only a hint: the charge is
/// read from Tap and the event says what that answer says, so a replay can only repeat the truth.
/// </summary>
internal sealed class TapWebhooks(TapApi api, TapOptions options, TimeProvider time)
{
    public const string SignatureHeader = "hashstring";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.SecretKey);

    public async Task<WebhookOutcome> ParseAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (Read(delivery.Body.Span) is not { Id.Length: > 0 } posted)
        {
            return new WebhookOutcome.NotVerified("tap: body is not a charge or refund", LookupHint: null);
        }

        var isCharge = posted.Id.StartsWith("chg_", StringComparison.Ordinal);
        var hint = isCharge ? posted.Id : null;
        if (delivery.Header(SignatureHeader) is not { Length: > 0 } signature)
        {
            return new WebhookOutcome.NotVerified($"tap: no {SignatureHeader} header", hint);
        }

        if (!Verifies(posted, signature))
        {
            return new WebhookOutcome.NotVerified($"tap: {SignatureHeader} does not match", hint);
        }

        var eventId = $"{posted.Id}:{posted.Status}";
        if (!isCharge)
        {
            return new WebhookOutcome.Ignored(eventId, posted.Object ?? "refund");
        }

        try
        {
            var reply = await api.GetChargeAsync(posted.Id, cancellationToken);
            if (reply.Body is not { } charge)
            {
                // Authentic but not readable now: refusing makes Tap deliver it again later.
                return new WebhookOutcome.NotVerified($"tap: charge {posted.Id} could not be read (HTTP {(int)reply.Status})", LookupHint: null);
            }

            return TapMapping.Event(eventId, charge, time.GetUtcNow()) is { } fact
                ? new WebhookOutcome.Verified(fact)
                : new WebhookOutcome.Ignored(eventId, "charge");
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return new WebhookOutcome.NotVerified($"tap: charge {posted.Id} could not be read ({exception.GetType().Name})", LookupHint: null);
        }
    }

    private bool Verifies(TapCharge posted, string signature)
    {
        if (posted is not { Amount: { } amount, Currency: { } currency, Status: { } status } || signature.Length != 64
            || !signature.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var created = posted.Transaction?.Created is { ValueKind: JsonValueKind.String or JsonValueKind.Number } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : string.Empty;
        var expected = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            $"x_id{posted.Id}x_amount{TapMapping.HashAmount(amount)}x_currency{currency}x_gateway_reference{posted.Reference?.Gateway}x_payment_reference{posted.Reference?.Payment}x_status{status}x_created{created}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
    }

    private static TapCharge? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<TapCharge>(json, TapJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
