namespace PaymentCore.Adapters;

/// <summary>
/// The closed set of answers to a refund. As with payments, <see cref="Unknown"/> means the
/// refund may or may not have happened (retry with the same idempotency key to find out), and
/// <see cref="NotReached"/> proves nothing was sent.
/// </summary>
public abstract record RefundOutcome
{
    private RefundOutcome()
    {
    }

    /// <summary>
    /// The gateway accepted the refund. It may still be settling (a card refund takes days); a
    /// refund that fails later arrives as a webhook.
    /// </summary>
    public sealed record Refunded(string RefundReference) : RefundOutcome;

    /// <summary>The gateway refused; nothing was given back.</summary>
    /// <param name="Code">Our stable code, e.g. "refund_exceeds_payment".</param>
    /// <param name="Message">Text safe to show to an operator.</param>
    /// <param name="GatewayCode">The gateway's own code, if any.</param>
    public sealed record Declined(string Code, string Message, string? GatewayCode) : RefundOutcome;

    /// <summary>The refund may or may not have been made (timeout, 5xx after sending).</summary>
    public sealed record Unknown(string Reason) : RefundOutcome;

    /// <summary>The refund provably never reached the gateway.</summary>
    public sealed record NotReached(string Reason) : RefundOutcome;

    /// <summary>The gateway cannot refund this payment (or refunds at all).</summary>
    public sealed record NotSupported(string Reason) : RefundOutcome;
}
