namespace PaymentCore.Adapters;

/// <summary>
/// A verified fact a gateway reported about one payment. <see cref="GatewayReference"/> is the
/// same string the gateway's charge or confirmation answered with, so the host finds the
/// recharge by it; <see cref="EventId"/> is the gateway's id of the event, for deduplication.
/// </summary>
public abstract record GatewayEvent
{
    private GatewayEvent(string eventId, string gatewayReference, DateTimeOffset occurredAt)
    {
        EventId = eventId;
        GatewayReference = gatewayReference;
        OccurredAt = occurredAt;
    }

    public string EventId { get; }

    public string GatewayReference { get; }

    public DateTimeOffset OccurredAt { get; }

    /// <summary>The money was taken.</summary>
    public sealed record PaymentSucceeded(string EventId, string GatewayReference, DateTimeOffset OccurredAt, Money Amount)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);

    /// <summary>The payment failed for good; nothing was taken.</summary>
    /// <param name="Code">Our stable failure code, as in <see cref="GatewayOutcome.Declined"/>.</param>
    public sealed record PaymentFailed(string EventId, string GatewayReference, DateTimeOffset OccurredAt, string Code, string? GatewayCode)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);

    /// <summary>Money was given back.</summary>
    /// <param name="TotalRefunded">Everything refunded on this payment so far, not just this refund,
    /// so applying the same or an older event again changes nothing.</param>
    /// <param name="RefundReference">The gateway's id of the refund that triggered the event, if known.</param>
    public sealed record Refunded(string EventId, string GatewayReference, DateTimeOffset OccurredAt, Money TotalRefunded, string? RefundReference)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);

    /// <summary>The payer disputed the payment (a chargeback or an inquiry).</summary>
    public sealed record DisputeOpened(string EventId, string GatewayReference, DateTimeOffset OccurredAt, string DisputeReference, Money Amount)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);

    /// <summary>The dispute closed in our favour: the money stays.</summary>
    public sealed record DisputeWon(string EventId, string GatewayReference, DateTimeOffset OccurredAt, string DisputeReference, Money Amount)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);

    /// <summary>The dispute closed in the payer's favour: the money is gone.</summary>
    public sealed record DisputeLost(string EventId, string GatewayReference, DateTimeOffset OccurredAt, string DisputeReference, Money Amount)
        : GatewayEvent(EventId, GatewayReference, OccurredAt);
}
