using System.Net;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// Translates between PayPal's JSON shapes and the adapter contract; the only place that knows both.
/// The gateway reference of a PayPal payment is its order id, from creation to refund.
/// </summary>
internal static class PayPalMapping
{
    /// <summary>Issues (of <c>orders.capture-422</c>) that mean the payer's PayPal payment was declined.</summary>
    public static readonly IReadOnlySet<string> DeclineIssues = new HashSet<string>(StringComparer.Ordinal)
    {
        "INSTRUMENT_DECLINED", "PAYER_CANNOT_PAY", "TRANSACTION_REFUSED", "PAYEE_BLOCKED_TRANSACTION",
        "PAYER_ACCOUNT_RESTRICTED", "PAYER_ACCOUNT_LOCKED_OR_CLOSED", "COMPLIANCE_VIOLATION",
        "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED", "REDIRECT_PAYER_FOR_ALTERNATE_FUNDING", "TRANSACTION_LIMIT_EXCEEDED",
    };

    /// <summary>Issues (of <c>captures.refund-422</c>) with a stable refund code of their own.</summary>
    public static readonly IReadOnlyDictionary<string, string> RefundIssues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["REFUND_AMOUNT_EXCEEDED"] = "refund_exceeds_payment",
        ["CAPTURE_FULLY_REFUNDED"] = "already_refunded",
        ["REFUND_TIME_LIMIT_EXCEEDED"] = "refund_window_closed",
        ["TRANSACTION_DISPUTED"] = "payment_disputed",
        ["REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK"] = "payment_disputed",
    };

    /// <summary>
    /// The order of a charge: approved by the payer on PayPal (and their account vaulted when it
    /// succeeds, for a saving purchase), or paid at once by a vaulted account (<see cref="GatewayRequest.Saved"/>).
    /// </summary>
    public static PayPalOrderRequest OrderRequest(GatewayRequest request, PayPalInstrument payer, string value) => new(
        Intent: "CAPTURE",
        PurchaseUnits: [new PayPalPurchaseUnitRequest(request.Reference, Truncate(request.Description, 127), new PayPalMoney(request.Amount.Currency, value))],
        PaymentSource: new PayPalPaymentSource(request.Saved is { } vaulted
            ? new PayPalWallet(ExperienceContext: null, VaultId: vaulted.Token)
            : new PayPalWallet(
                new PayPalExperienceContext(payer.ReturnUrl.AbsoluteUri, payer.CancelUrl.AbsoluteUri, UserAction: "PAY_NOW", ShippingPreference: "NO_SHIPPING"),
                Attributes: request.SaveFor is null ? null : new PayPalWalletAttributes(new PayPalVaultInstruction(StoreInVault: "ON_SUCCESS", UsageType: "MERCHANT")))));

    public static PayPalRefundRequest RefundRequest(GatewayRefund refund, string value) =>
        new(new PayPalMoney(refund.Amount.Currency, value), Truncate(refund.Reference, 127));

    public static GatewayOutcome Outcome(PayPalOrder order) => order.Status switch
    {
        "COMPLETED" => CaptureOutcome(order.Id, CompletedCapture(order) ?? LastCapture(order)),
        "CREATED" or "PAYER_ACTION_REQUIRED" when ApprovalLink(order) is { } approve => new GatewayOutcome.RequiresAction(order.Id, approve),
        "VOIDED" => new GatewayOutcome.Declined(order.Id, "payment_canceled", "The PayPal payment was canceled.", "VOIDED"),
        // APPROVED waits for our capture; anything else is not a state this adapter leads to.
        _ => new GatewayOutcome.Unknown(order.Id, $"paypal: order is {order.Status ?? "without status"}"),
    };

    /// <summary>An error answer about <paramref name="reference"/> (null when no order exists yet).</summary>
    public static GatewayOutcome Outcome<T>(PayPalReply<T> failed, string? reference)
        where T : class
    {
        var code = failed.Error?.Code;
        return failed.Status switch
        {
            // A throttled new order was never created; a throttled step of an existing one is retried later.
            HttpStatusCode.TooManyRequests when reference is null => new GatewayOutcome.Declined(
                null, "try_again_later", "The payment provider is busy. Nothing was charged; please try again.", code),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests =>
                new GatewayOutcome.Unknown(reference, $"paypal: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new GatewayOutcome.Unknown(reference, $"paypal: HTTP {(int)failed.Status} without a usable answer"),
            _ when code is not null && DeclineIssues.Contains(code) => new GatewayOutcome.Declined(
                reference, "payment_declined", "PayPal declined the payment.", code),
            HttpStatusCode.NotFound => new GatewayOutcome.Declined(reference, "payment_not_found", "PayPal has no such payment.", code),
            _ => new GatewayOutcome.Declined(reference, "payment_rejected", "PayPal refused the payment. Nothing was charged.", code),
        };
    }

    public static RefundOutcome RefundOutcome(PayPalRefund refund) => refund.Status switch
    {
        "CANCELLED" or "FAILED" => new RefundOutcome.Declined("refund_failed", "PayPal could not make the refund.", refund.StatusDetails?.Reason ?? refund.Status),
        // COMPLETED or PENDING (e.g. ECHECK): PayPal has the refund.
        _ => new RefundOutcome.Refunded(refund.Id),
    };

    public static RefundOutcome RefundOutcome<T>(PayPalReply<T> failed)
        where T : class
    {
        var code = failed.Error?.Code;
        return failed.Status switch
        {
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict => new RefundOutcome.Unknown($"paypal: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new RefundOutcome.Unknown($"paypal: HTTP {(int)failed.Status} without a usable answer"),
            _ when code is not null && RefundIssues.TryGetValue(code, out var stable) => new RefundOutcome.Declined(stable, "PayPal refused the refund.", code),
            _ => new RefundOutcome.Declined("refund_rejected", "PayPal refused the refund.", code),
        };
    }

    /// <summary>The capture a refund goes against: the one that completed.</summary>
    public static PayPalCapture? CompletedCapture(PayPalOrder order) =>
        Captures(order).FirstOrDefault(c => c.Status is "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED");

    /// <summary>The capture a refund belongs to, from the refund's <c>up</c> link.</summary>
    public static string? CaptureIdOf(PayPalRefund refund) =>
        refund.Links?.FirstOrDefault(l => l.Rel == "up") is { } up && Uri.TryCreate(up.Href, UriKind.Absolute, out var href)
            ? href.Segments[^1].TrimEnd('/')
            : null;

    public static GatewayEvent? CaptureEvent(PayPalEvent paypalEvent, PayPalCapture capture, string orderId) =>
        paypalEvent.EventType switch
        {
            "PAYMENT.CAPTURE.COMPLETED" when Amount(capture.Amount) is { } amount =>
                new GatewayEvent.PaymentSucceeded(paypalEvent.Id, orderId, paypalEvent.CreateTime, amount),
            "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED" =>
                new GatewayEvent.PaymentFailed(paypalEvent.Id, orderId, paypalEvent.CreateTime, "payment_declined", capture.StatusDetails?.Reason ?? capture.Status),
            _ => null,
        };

    public static GatewayEvent? RefundEvent(PayPalEvent paypalEvent, PayPalRefund refund, string orderId) =>
        Amount(refund.SellerPayableBreakdown?.TotalRefundedAmount ?? refund.Amount) is { } total
            ? new GatewayEvent.Refunded(paypalEvent.Id, orderId, paypalEvent.CreateTime, total, refund.Id)
            : null;

    /// <summary>
    /// Seller-favour outcomes (and a buyer who withdrew, or PayPal paying the buyer itself) keep the
    /// money; a buyer-favour outcome or an accepted claim loses it.
    /// </summary>
    public static GatewayEvent? DisputeEvent(PayPalEvent paypalEvent, PayPalDispute dispute, string orderId)
    {
        if (Amount(dispute.DisputeAmount) is not { } amount)
        {
            return null;
        }

        return (paypalEvent.EventType, dispute.DisputeOutcome?.OutcomeCode) switch
        {
            ("CUSTOMER.DISPUTE.CREATED", _) => new GatewayEvent.DisputeOpened(paypalEvent.Id, orderId, paypalEvent.CreateTime, dispute.DisputeId, amount),
            ("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED_SELLER_FAVOUR" or "CANCELED_BY_BUYER" or "DENIED" or "RESOLVED_WITH_PAYOUT") =>
                new GatewayEvent.DisputeWon(paypalEvent.Id, orderId, paypalEvent.CreateTime, dispute.DisputeId, amount),
            ("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED_BUYER_FAVOUR" or "ACCEPTED") =>
                new GatewayEvent.DisputeLost(paypalEvent.Id, orderId, paypalEvent.CreateTime, dispute.DisputeId, amount),
            _ => null,
        };
    }

    private static GatewayOutcome CaptureOutcome(string orderId, PayPalCapture? capture) => capture?.Status switch
    {
        "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED" => new GatewayOutcome.Succeeded(orderId),
        "DECLINED" or "FAILED" => new GatewayOutcome.Declined(orderId, "payment_declined", "PayPal declined the payment.", capture.StatusDetails?.Reason ?? capture.Status),
        // PENDING: PayPal holds the money for review; PAYMENT.CAPTURE.COMPLETED or DENIED follows.
        _ => new GatewayOutcome.Unknown(orderId, $"paypal: capture is {capture?.Status ?? "missing"} ({capture?.StatusDetails?.Reason})"),
    };

    private static PayPalCapture? LastCapture(PayPalOrder order) => Captures(order).LastOrDefault();

    private static IEnumerable<PayPalCapture> Captures(PayPalOrder order) =>
        (order.PurchaseUnits ?? []).SelectMany(u => u.Payments?.Captures ?? []);

    /// <summary>Where the payer approves: <c>payer-action</c> when a payment source is given, <c>approve</c> otherwise.</summary>
    private static Uri? ApprovalLink(PayPalOrder order) =>
        (order.Links ?? []).Where(l => l.Rel is "payer-action" or "approve")
            .Select(l => Uri.TryCreate(l.Href, UriKind.Absolute, out var href) ? href : null)
            .FirstOrDefault(href => href is not null);

    private static Money? Amount(PayPalMoney? money) =>
        money is null ? null : PayPalCurrencyRules.Parse(money.CurrencyCode, money.Value);

    private static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];
}
