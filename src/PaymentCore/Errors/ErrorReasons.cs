namespace PaymentCore.Errors;

/// <summary>
/// The stable <c>google.rpc.ErrorInfo.reason</c> values (domain "paymentcore"); the proto
/// comment of RechargeService lists them for callers. Never rename one.
/// </summary>
public static class ErrorReasons
{
    public const string Domain = "paymentcore";

    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string CardDataRejected = "CARD_DATA_REJECTED";
    public const string RechargeNotFound = "RECHARGE_NOT_FOUND";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string IdempotencyInProgress = "IDEMPOTENCY_IN_PROGRESS";
    public const string PaymentMethodNotAvailable = "PAYMENT_METHOD_NOT_AVAILABLE";
    public const string RechargeNotConfirmable = "RECHARGE_NOT_CONFIRMABLE";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string RechargeNotRefundable = "RECHARGE_NOT_REFUNDABLE";
    public const string RefundExceedsRemaining = "REFUND_EXCEEDS_REMAINING";
    public const string RefundInProgress = "REFUND_IN_PROGRESS";
    public const string RefundOutcomeUnknown = "REFUND_OUTCOME_UNKNOWN";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Internal = "INTERNAL";
    public const string QuoteExpired = "QUOTE_EXPIRED";
    public const string QuoteMismatch = "QUOTE_MISMATCH";
    public const string PromotionExhausted = "PROMOTION_EXHAUSTED";
    public const string SavedInstrumentNotFound = "SAVED_INSTRUMENT_NOT_FOUND";
    public const string SavedInstrumentUnusable = "SAVED_INSTRUMENT_UNUSABLE";
    public const string SavedInstrumentsLimitReached = "SAVED_INSTRUMENTS_LIMIT_REACHED";
    public const string GatewayUnavailable = "GATEWAY_UNAVAILABLE";
}
