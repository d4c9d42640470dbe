using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// The Sandbox's webhooks, for demos and tests of the webhook path: a JSON body signed with
/// HMAC-SHA256 under the configured secret, sent in header "Sandbox-Signature: sha256=&lt;hex&gt;".
/// Body: {"id", "type", "reference", "amount": {"currency", "minor_units"}, "dispute_id", "code", "occurred_at"};
/// types: payment.succeeded, payment.failed, refunded (amount = everything refunded so far),
/// dispute.opened, dispute.won, dispute.lost.
/// </summary>
public static class SandboxWebhooks
{
    public const string SignatureHeader = "Sandbox-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static WebhookOutcome Parse(WebhookDelivery delivery, string? secret)
    {
        if (secret is null)
        {
            return new WebhookOutcome.NotVerified("no Sandbox webhook secret is configured", null);
        }

        var signature = delivery.Header(SignatureHeader);
        var expected = Sign(delivery.Body.Span, secret);
        if (signature is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)))
        {
            return new WebhookOutcome.NotVerified("the Sandbox signature does not match", null);
        }

        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new WebhookOutcome.NotVerified($"the Sandbox event is malformed: {e.Message}", null);
        }
    }

    private static WebhookOutcome Read(JsonElement root)
    {
        var id = root.GetProperty("id").GetString()!;
        var type = root.GetProperty("type").GetString()!;
        var reference = root.GetProperty("reference").GetString()!;
        var at = root.TryGetProperty("occurred_at", out var occurred)
            ? DateTimeOffset.Parse(occurred.GetString()!, CultureInfo.InvariantCulture)
            : DateTimeOffset.UnixEpoch;
        Money Amount() => new(
            root.GetProperty("amount").GetProperty("currency").GetString()!,
            root.GetProperty("amount").GetProperty("minor_units").GetInt64());
        string Dispute() => root.GetProperty("dispute_id").GetString()!;
        GatewayEvent? gatewayEvent = type switch
        {
            "payment.succeeded" => new GatewayEvent.PaymentSucceeded(id, reference, at, Amount()),
            "payment.failed" => new GatewayEvent.PaymentFailed(id, reference, at, root.GetProperty("code").GetString()!, null),
            "refunded" => new GatewayEvent.Refunded(id, reference, at, Amount(), null),
            "dispute.opened" => new GatewayEvent.DisputeOpened(id, reference, at, Dispute(), Amount()),
            "dispute.won" => new GatewayEvent.DisputeWon(id, reference, at, Dispute(), Amount()),
            "dispute.lost" => new GatewayEvent.DisputeLost(id, reference, at, Dispute(), Amount()),
            _ => null,
        };
        return gatewayEvent is null ? new WebhookOutcome.Ignored(id, type) : new WebhookOutcome.Verified(gatewayEvent);
    }
}
