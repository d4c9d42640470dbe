namespace PaymentCore.Adapters;

/// <summary>One webhook delivery exactly as it arrived over HTTP.</summary>
/// <param name="Body">The raw body bytes; signatures cover these bytes, so they must not be re-encoded.</param>
/// <param name="Headers">The request headers (names are matched case-insensitively).</param>
/// <param name="ReceivedAt">When it arrived, for timestamp tolerances.</param>
public sealed record WebhookDelivery(
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The value of a header, or null when the delivery did not carry it.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var exact)
            ? exact
            : Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
