using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentCore.Adapters.PayPal;

// The JSON shapes this adapter sends to and reads from PayPal's REST API, named after the schemas
// of PayPal's OpenAPI specs (checkout_orders_v2, payments_payment_v2, notifications_webhooks_v1);
// the tests check every property name against those specs. Only the fields the adapter uses.

/// <summary><c>money</c>.</summary>
internal sealed record PayPalMoney(
    [property: JsonPropertyName("currency_code")] string CurrencyCode,
    [property: JsonPropertyName("value")] string Value);

/// <summary><c>link_description</c>.</summary>
internal sealed record PayPalLink(
    [property: JsonPropertyName("href")] string Href,
    [property: JsonPropertyName("rel")] string Rel,
    [property: JsonPropertyName("method")] string? Method);

/// <summary><c>order_request</c>.</summary>
internal sealed record PayPalOrderRequest(
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("purchase_units")] IReadOnlyList<PayPalPurchaseUnitRequest> PurchaseUnits,
    [property: JsonPropertyName("payment_source")] PayPalPaymentSource PaymentSource);

/// <summary><c>purchase_unit_request</c>.</summary>
internal sealed record PayPalPurchaseUnitRequest(
    [property: JsonPropertyName("custom_id")] string CustomId,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("amount")] PayPalMoney Amount);

/// <summary><c>payment_source</c>.</summary>
internal sealed record PayPalPaymentSource(
    [property: JsonPropertyName("paypal")] PayPalWallet PayPal);

/// <summary><c>paypal_wallet</c>.</summary>
internal sealed record PayPalWallet(
    [property: JsonPropertyName("experience_context")] PayPalExperienceContext ExperienceContext);

/// <summary><c>paypal_wallet_experience_context</c>.</summary>
internal sealed record PayPalExperienceContext(
    [property: JsonPropertyName("return_url")] string ReturnUrl,
    [property: JsonPropertyName("cancel_url")] string CancelUrl,
    [property: JsonPropertyName("user_action")] string UserAction,
    [property: JsonPropertyName("shipping_preference")] string ShippingPreference);

/// <summary><c>order</c>.</summary>
internal sealed record PayPalOrder(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("links")] IReadOnlyList<PayPalLink>? Links,
    [property: JsonPropertyName("purchase_units")] IReadOnlyList<PayPalPurchaseUnit>? PurchaseUnits);

/// <summary><c>purchase_unit</c>.</summary>
internal sealed record PayPalPurchaseUnit(
    [property: JsonPropertyName("payments")] PayPalPaymentCollection? Payments);

/// <summary><c>payment_collection</c>.</summary>
internal sealed record PayPalPaymentCollection(
    [property: JsonPropertyName("captures")] IReadOnlyList<PayPalCapture>? Captures);

/// <summary><c>capture</c> (orders) and <c>capture-2</c> (payments, which adds <c>supplementary_data</c>).</summary>
internal sealed record PayPalCapture(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("status_details")] PayPalStatusDetails? StatusDetails,
    [property: JsonPropertyName("amount")] PayPalMoney? Amount,
    [property: JsonPropertyName("supplementary_data")] PayPalSupplementaryData? SupplementaryData);

/// <summary><c>capture_status_details</c> and <c>refund_status_details</c>.</summary>
internal sealed record PayPalStatusDetails(
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary><c>supplementary_data</c> (payments).</summary>
internal sealed record PayPalSupplementaryData(
    [property: JsonPropertyName("related_ids")] PayPalRelatedIds? RelatedIds);

/// <summary><c>related_ids</c>.</summary>
internal sealed record PayPalRelatedIds(
    [property: JsonPropertyName("order_id")] string? OrderId);

/// <summary><c>refund_request</c>.</summary>
internal sealed record PayPalRefundRequest(
    [property: JsonPropertyName("amount")] PayPalMoney Amount,
    [property: JsonPropertyName("custom_id")] string CustomId);

/// <summary><c>refund</c>.</summary>
internal sealed record PayPalRefund(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("status_details")] PayPalStatusDetails? StatusDetails,
    [property: JsonPropertyName("amount")] PayPalMoney? Amount,
    [property: JsonPropertyName("links")] IReadOnlyList<PayPalLink>? Links,
    [property: JsonPropertyName("seller_payable_breakdown")] PayPalRefundBreakdown? SellerPayableBreakdown);

/// <summary><c>refund.seller_payable_breakdown</c>.</summary>
internal sealed record PayPalRefundBreakdown(
    [property: JsonPropertyName("total_refunded_amount")] PayPalMoney? TotalRefundedAmount);

/// <summary><c>error_details</c>.</summary>
internal sealed record PayPalErrorDetail(
    [property: JsonPropertyName("issue")] string Issue,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>The error body every PayPal API shares (<c>error_400</c>, <c>error_422</c>, …).</summary>
internal sealed record PayPalError(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("debug_id")] string? DebugId,
    [property: JsonPropertyName("details")] IReadOnlyList<PayPalErrorDetail>? Details)
{
    /// <summary>The most specific code PayPal gave: the first issue, else the error name.</summary>
    public string? Code => Details?.FirstOrDefault()?.Issue ?? Name;
}

/// <summary><c>verify_webhook_signature_response</c>.</summary>
internal sealed record PayPalVerification(
    [property: JsonPropertyName("verification_status")] string VerificationStatus);

/// <summary><c>event</c>.</summary>
internal sealed record PayPalEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("create_time")] DateTimeOffset CreateTime,
    [property: JsonPropertyName("resource")] JsonElement Resource);

/// <summary>
/// The dispute resource of <c>CUSTOMER.DISPUTE.*</c> webhooks (PayPal's Disputes API v1, not part
/// of the stored specs).
/// </summary>
internal sealed record PayPalDispute(
    [property: JsonPropertyName("dispute_id")] string DisputeId,
    [property: JsonPropertyName("disputed_transactions")] IReadOnlyList<PayPalDisputedTransaction>? DisputedTransactions,
    [property: JsonPropertyName("dispute_amount")] PayPalMoney? DisputeAmount,
    [property: JsonPropertyName("dispute_outcome")] PayPalDisputeOutcome? DisputeOutcome);

internal sealed record PayPalDisputedTransaction(
    [property: JsonPropertyName("seller_transaction_id")] string? SellerTransactionId);

internal sealed record PayPalDisputeOutcome(
    [property: JsonPropertyName("outcome_code")] string? OutcomeCode);

/// <summary>How the adapter reads and writes PayPal JSON.</summary>
internal static class PayPalJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
