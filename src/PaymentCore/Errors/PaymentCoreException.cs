using System.Globalization;

namespace PaymentCore.Errors;

/// <summary>
/// A request PaymentCore refuses, with everything the error interceptor needs to build a rich
/// gRPC status: its kind, stable reason, field violations and ErrorInfo metadata.
/// </summary>
public sealed class PaymentCoreException(
    ErrorKind kind,
    string reason,
    string message,
    IReadOnlyList<FieldViolation>? violations = null,
    IReadOnlyDictionary<string, string>? metadata = null,
    TimeSpan? retryAfter = null) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string Reason { get; } = reason;
    public IReadOnlyList<FieldViolation> Violations { get; } = violations ?? [];
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();

    /// <summary>When retrying can succeed; sent as google.rpc.RetryInfo.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static PaymentCoreException InvalidArgument(IReadOnlyList<FieldViolation> violations) => new(
        ErrorKind.InvalidArgument,
        ErrorReasons.ValidationFailed,
        $"The request is invalid: {string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))}.",
        violations);

    public static PaymentCoreException RechargeNotFound(string rechargeId) => new(
        ErrorKind.NotFound, ErrorReasons.RechargeNotFound, $"No recharge has the id '{rechargeId}'.");

    public static PaymentCoreException IdempotencyKeyReused() => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.IdempotencyKeyReused,
        "This idempotency key was already used for a request with different parameters. Use a new key for a new request.");

    public static PaymentCoreException IdempotencyInProgress() => new(
        ErrorKind.Aborted,
        ErrorReasons.IdempotencyInProgress,
        "A request with this idempotency key is still in progress. Retry the same request shortly to get its result.");

    public static PaymentCoreException PaymentMethodNotAvailable(string method, string region) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.PaymentMethodNotAvailable,
        $"Payment method '{method}' is not available in region {region}.",
        metadata: new Dictionary<string, string> { ["payment_method"] = method, ["region_code"] = region });

    public static PaymentCoreException NotConfirmable(string rechargeId, string status) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.RechargeNotConfirmable,
        $"Recharge {rechargeId} is {status}; only a recharge that requires action can be confirmed.",
        metadata: new Dictionary<string, string> { ["status"] = status });

    public static PaymentCoreException NotRefundable(string rechargeId, string status) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.RechargeNotRefundable,
        $"Recharge {rechargeId} is {status}; only a succeeded or partially refunded recharge can be refunded.",
        metadata: new Dictionary<string, string> { ["status"] = status });

    public static PaymentCoreException RefundExceedsRemaining(string rechargeId, Adapters.Money remaining) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.RefundExceedsRemaining,
        $"Recharge {rechargeId} has {remaining.MinorUnits} minor units of {remaining.Currency} left to refund.",
        metadata: new Dictionary<string, string>
        {
            ["remaining_minor_units"] = remaining.MinorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = remaining.Currency,
        });

    public static PaymentCoreException RefundInProgress(string rechargeId) => new(
        ErrorKind.Aborted,
        ErrorReasons.RefundInProgress,
        $"Another refund of recharge {rechargeId} is in progress. Retry after it finished.");

    public static PaymentCoreException RefundOutcomeUnknown(string rechargeId) => new(
        ErrorKind.Unavailable,
        ErrorReasons.RefundOutcomeUnknown,
        $"The gateway's answer to the refund of recharge {rechargeId} was lost. Retry with the same idempotency key: it cannot refund twice.");

    public static PaymentCoreException QuoteExpired(DateTimeOffset expiredAt) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.QuoteExpired,
        $"The quote expired at {expiredAt:O}. Ask QuoteRecharge for a new one.",
        metadata: new Dictionary<string, string> { ["expired_at"] = expiredAt.ToString("O", CultureInfo.InvariantCulture) });

    /// <param name="why">What does not match, without echoing the quote, e.g. "it was issued for another user".</param>
    public static PaymentCoreException QuoteMismatch(string why) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.QuoteMismatch,
        $"The quote cannot be used for this request: {why}. Ask QuoteRecharge for a quote of this user and region.");

    public static PaymentCoreException SavedInstrumentNotFound(string instrumentId) => new(
        ErrorKind.NotFound,
        ErrorReasons.SavedInstrumentNotFound,
        $"The user has no saved instrument '{instrumentId}'. List the user's instruments with ListSavedInstruments.");

    public static PaymentCoreException SavedInstrumentsLimitReached(int maxPerUser) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.SavedInstrumentsLimitReached,
        $"The user keeps {maxPerUser} saved instruments, the most they may. Delete one with DeleteSavedInstrument, or buy without save_instrument.",
        metadata: new Dictionary<string, string> { ["max_per_user"] = maxPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static PaymentCoreException SavedInstrumentUnusable(string instrumentId, string reason) => new(
        ErrorKind.FailedPrecondition,
        ErrorReasons.SavedInstrumentUnusable,
        $"Saved instrument '{instrumentId}' can no longer pay ({reason}). Pay with another instrument.",
        metadata: new Dictionary<string, string> { ["unusable_reason"] = reason });

    public static PaymentCoreException GatewayUnavailable(string gateway) => new(
        ErrorKind.Unavailable,
        ErrorReasons.GatewayUnavailable,
        $"Gateway {gateway} could not be reached; nothing was changed. Retry later.",
        metadata: new Dictionary<string, string> { ["gateway"] = gateway });
}

/// <summary>One bad field: its path in proto field names (e.g. "payment_method.sandbox.token") and what is wrong.</summary>
public sealed record FieldViolation(string Field, string Description);
