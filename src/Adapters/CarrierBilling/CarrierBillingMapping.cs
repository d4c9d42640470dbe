using System.Net;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// Translates between CAMARA's JSON shapes and the adapter contract; the only place that knows both.
/// The gateway reference of a carrier-billing payment is the operator's <c>paymentId</c>, except
/// while a payment request's answer was lost: then it is <see cref="CorrelatorReference"/>, which a
/// lookup resolves by <c>clientCorrelator</c>.
/// </summary>
internal static class CarrierBillingMapping
{
    /// <summary>Our stable failure codes for the operator's denials.</summary>
    public const string LimitExceeded = "carrier_limit_exceeded";
    public const string PaymentDeclined = "payment_declined";
    public const string Unavailable = "carrier_billing_unavailable";
    public const string AttemptsExceeded = "otp_attempts_exceeded";
    public const string CodeExpired = "otp_expired";
    public const string PaymentCanceled = "payment_canceled";

    /// <summary>A prepared payment whose code prompt was lost with its answer (a crash, a timeout): cancelled, nothing charged.</summary>
    public const string Interrupted = "carrier_billing_interrupted";

    /// <summary>The operator's codes for "wrong code" and "no attempts left" (<c>ValidatePaymentInvalid400</c>).</summary>
    public const string InvalidCode = "CARRIER_BILLING.INVALID_CODE";
    public const string ValidationFailed = "CARRIER_BILLING.VALIDATION_FAILED";
    public const string InvalidAuthorization = "CARRIER_BILLING.INVALID_AUTHORIZATION_ID";

    private const string CorrelatorPrefix = "clientCorrelator:";

    /// <summary>Operator codes with a stable failure code of their own; any other refusal is <c>payment_rejected</c>.</summary>
    public static readonly IReadOnlyDictionary<string, (string Code, string Message)> Denials = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["CARRIER_BILLING.USER_AMOUNT_THRESHOLD_OVERPASSED"] = (LimitExceeded, "The mobile operator's spending limit for this phone number is reached. Nothing was charged."),
        ["CARRIER_BILLING.UNAUTHORIZED_AMOUNT"] = (LimitExceeded, "The mobile operator does not allow this amount on a phone bill. Nothing was charged."),
        ["CARRIER_BILLING.PAYMENT_DENIED"] = (PaymentDeclined, "The mobile operator declined the payment. Nothing was charged."),
        ["CARRIER_BILLING.PAYMENT_CANCELLED"] = (PaymentCanceled, "The payment was cancelled. Nothing was charged."),
        ["IDENTIFIER_NOT_FOUND"] = (Unavailable, "Carrier billing is not available for this phone number."),
        ["SERVICE_NOT_APPLICABLE"] = (Unavailable, "Carrier billing is not available for this phone number."),
    };

    /// <summary>Refund API codes with a stable refund code of their own; any other refusal is <c>refund_rejected</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> RefundDenials = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CARRIER_BILLING_REFUND.REFUND_DENIED"] = "refund_declined",
        ["CARRIER_BILLING_REFUND.PAYMENT_NOT_ELIGIBLE_FOR_REFUND"] = "refund_not_allowed",
        ["CARRIER_BILLING_REFUND.UNAUTHORIZED_AMOUNT"] = "refund_amount_not_allowed",
        ["CARRIER_BILLING_REFUND.USER_AMOUNT_THRESHOLD_OVERPASSED"] = "refund_limit_exceeded",
        ["CARRIER_BILLING_REFUND.INVALID_PAYMENT_STATUS"] = "payment_not_captured",
    };

    /// <summary>The reference of a payment whose request's answer was lost: looked up by our <c>clientCorrelator</c>.</summary>
    public static string CorrelatorReference(string clientCorrelator) => CorrelatorPrefix + clientCorrelator;

    public static string? CorrelatorOf(string reference) =>
        reference.StartsWith(CorrelatorPrefix, StringComparison.Ordinal) ? reference[CorrelatorPrefix.Length..] : null;

    public static CamaraPaymentRequest PaymentRequest(
        GatewayRequest request, CarrierBillingInstrument line, decimal amount, CarrierBillingOptions options, DateTimeOffset now) => new(
        new CamaraAmountTransaction(
            line.PhoneNumber,
            request.IdempotencyKey,
            new CamaraPaymentAmount(
                new CamaraChargingInformation(amount, request.Amount.Currency, request.Description, request.TaxIncluded ?? true),
                MetaData(options, withName: true)),
            request.Reference),
        options.NotificationUrl!.AbsoluteUri,
        SinkCredential(options, now));

    /// <summary>A refund of <paramref name="amount"/>: <c>total</c> when it gives back the whole payment untouched so far, else <c>partial</c>.</summary>
    public static CamaraRefundRequest RefundRequest(
        GatewayRefund refund, bool total, decimal amount, bool? taxIncluded, CarrierBillingOptions options, DateTimeOffset now) => new(
        total ? "total" : "partial",
        Reason: null,
        new CamaraRefundTransaction(
            refund.IdempotencyKey,
            new CamaraRefundAmount(
                total ? null : new CamaraChargingInformation(amount, refund.Amount.Currency, "Refund " + refund.Reference, taxIncluded),
                MetaData(options, withName: false)),
            refund.Reference),
        options.NotificationUrl!.AbsoluteUri,
        SinkCredential(options, now));

    /// <summary>What a payment's answer to prepare (or create) asks of the user, if anything.</summary>
    public static GatewayOutcome Prepared(CamaraPayment payment, string phoneNumber, CarrierBillingOptions options, DateTimeOffset now) =>
        payment.ValidationInfo switch
        {
            { Action: "validate", AuthorizationId: { Length: > 0 } authorization } when payment.PaymentStatus is "pending_validation" or "processing" =>
                GatewayOutcome.RequiresAction.ForCode(
                    payment.PaymentId, new CodePrompt(PhoneNumbers.Mask(phoneNumber), options.CodeAttempts, now + options.CodeLifetime, authorization)),
            { Action: "open", ValidationUrl: { } page } when payment.PaymentStatus is "pending_validation" or "processing"
                && Uri.TryCreate(page, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps =>
                new GatewayOutcome.RequiresAction(payment.PaymentId, url),
            _ => Standing(payment, pending: null),
        };

    /// <summary>Where a payment stands by its status; one waiting for the user answers <paramref name="pending"/> again when known.</summary>
    public static GatewayOutcome Standing(CamaraPayment payment, GatewayOutcome.RequiresAction? pending) => payment.PaymentStatus switch
    {
        "succeeded" => new GatewayOutcome.Succeeded(payment.PaymentId),
        "denied" => new GatewayOutcome.Declined(payment.PaymentId, PaymentDeclined, "The mobile operator declined the payment. Nothing was charged.", "denied"),
        "cancelled" => new GatewayOutcome.Declined(payment.PaymentId, PaymentCanceled, "The payment was cancelled. Nothing was charged.", "cancelled"),
        "pending_validation" or "reserved" => pending ?? new GatewayOutcome.RequiresAction(payment.PaymentId, CodePrompt.NoPage),
        // processing: the operator is still at it; a notification or the reconciler's lookup settles it.
        _ => new GatewayOutcome.Unknown(payment.PaymentId, $"carrier_billing: payment is {payment.PaymentStatus ?? "without status"}"),
    };

    /// <summary>An error answer about <paramref name="reference"/> (null when no payment exists yet).</summary>
    public static GatewayOutcome Failed<T>(CamaraReply<T> failed, string? reference)
        where T : class
    {
        var code = failed.Code;
        return failed.Status switch
        {
            _ when code is not null && Denials.TryGetValue(code, out var denial) => new GatewayOutcome.Declined(reference, denial.Code, denial.Message, code),
            // The operator did nothing with a request it refused to authenticate.
            HttpStatusCode.Unauthorized when reference is null => new GatewayOutcome.NotReached("carrier_billing: the operator refused our access token"),
            HttpStatusCode.TooManyRequests when reference is null => new GatewayOutcome.Declined(
                null, "try_again_later", "The mobile operator is busy. Nothing was charged; please try again.", code),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized =>
                new GatewayOutcome.Unknown(reference, $"carrier_billing: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new GatewayOutcome.Unknown(reference, $"carrier_billing: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.NotFound when reference is not null => new GatewayOutcome.Declined(reference, "payment_not_found", "The mobile operator has no such payment.", code),
            _ => new GatewayOutcome.Declined(reference, "payment_rejected", "The mobile operator refused the payment. Nothing was charged.", code),
        };
    }

    public static RefundOutcome Refund(CamaraRefund refund) => refund.RefundStatus switch
    {
        "denied" => new RefundOutcome.Declined("refund_declined", "The mobile operator refused the refund.", "denied"),
        // succeeded, or processing: the operator has the refund (a late denial is notified).
        _ => new RefundOutcome.Refunded(refund.RefundId),
    };

    public static RefundOutcome RefundFailed<T>(CamaraReply<T> failed)
        where T : class
    {
        var code = failed.Code;
        return failed.Status switch
        {
            _ when code is not null && RefundDenials.TryGetValue(code, out var stable) => new RefundOutcome.Declined(stable, "The mobile operator refused the refund.", code),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized =>
                new RefundOutcome.Unknown($"carrier_billing: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new RefundOutcome.Unknown($"carrier_billing: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.NotFound => new RefundOutcome.Declined("payment_not_found", "The mobile operator has no such payment.", code),
            _ => new RefundOutcome.Declined("refund_rejected", "The mobile operator refused the refund.", code),
        };
    }

    /// <summary>The payment's amount as money; null when its amount is missing or cannot be read exactly.</summary>
    public static Money? Amount(CamaraPayment payment) =>
        payment.AmountTransaction?.PaymentAmount.ChargingInformation is { } charged
            ? CarrierBillingAmounts.FromCamara(charged.Currency, charged.Amount)
            : null;

    private static CamaraChargingMetaData? MetaData(CarrierBillingOptions options, bool withName)
    {
        var name = withName && !string.IsNullOrWhiteSpace(options.MerchantName) ? options.MerchantName : null;
        var identifier = string.IsNullOrWhiteSpace(options.MerchantIdentifier) ? null : options.MerchantIdentifier;
        return name is null && identifier is null ? null : new CamaraChargingMetaData(name, identifier);
    }

    private static CamaraSinkCredential SinkCredential(CarrierBillingOptions options, DateTimeOffset now) =>
        new("ACCESSTOKEN", options.NotificationToken, now + options.NotificationTokenLifetime, "bearer");
}
