namespace PaymentCore.Adapters.Http;

/// <summary>
/// Tells, from an HTTP client exception, whether the request provably never left this process.
/// Only a failure to open the connection proves that: once a connection exists, bytes may have
/// been sent, and a lost answer (reset, timeout) means the gateway may have acted.
/// </summary>
public static class TransportFailure
{
    public static bool NeverSent(Exception exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError
                or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError,
        };

    /// <summary>Exceptions an HTTP call may end with that mean "the transport failed", not "a bug".</summary>
    public static bool IsTransport(Exception exception) =>
        exception is HttpRequestException or OperationCanceledException or IOException;

    /// <summary>
    /// What a transport failure of a request that creates a payment means: nothing was charged only
    /// when it provably never left (failover may follow); otherwise the outcome is unknown.
    /// </summary>
    public static GatewayOutcome ChargeOutcome(string gateway, Exception exception, string? reference) =>
        NeverSent(exception)
            ? new GatewayOutcome.NotReached($"{gateway}: {PhoneNumbers.Redact(exception.Message)}")
            : new GatewayOutcome.Unknown(reference, $"{gateway}: no usable answer ({exception.GetType().Name})");

    /// <summary>The same for a request that creates a refund.</summary>
    public static RefundOutcome RefundOutcome(string gateway, Exception exception) =>
        NeverSent(exception)
            ? new RefundOutcome.NotReached($"{gateway}: {PhoneNumbers.Redact(exception.Message)}")
            : new RefundOutcome.Unknown($"{gateway}: no usable answer ({exception.GetType().Name})");
}
