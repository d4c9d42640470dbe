namespace PaymentCore.Adapters;

/// <summary>What a webhook delivery turned out to be.</summary>
public abstract record WebhookOutcome
{
    private WebhookOutcome()
    {
    }

    /// <summary>Authentic and about a payment: feed it to the state machine (duplicates share the event id).</summary>
    public sealed record Verified(GatewayEvent Event) : WebhookOutcome;

    /// <summary>Authentic, but not an event the core acts on; acknowledge it so the gateway stops resending.</summary>
    public sealed record Ignored(string EventId, string EventType) : WebhookOutcome;

    /// <summary>
    /// Forged, stale, malformed or unverifiable: never trusted. <paramref name="LookupHint"/> is
    /// the payment reference the body claims to be about, if any; at most a reason to call
    /// <see cref="IPaymentGateway.LookupAsync"/>, never a fact.
    /// </summary>
    public sealed record NotVerified(string Reason, string? LookupHint) : WebhookOutcome;
}
