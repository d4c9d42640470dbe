using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentCore.Adapters.Xendit;

// The JSON shapes this adapter sends to and reads from Xendit's Payment Requests API (v2,
// https://api.xendit.co/payment_requests), its Refunds API and its callbacks, named after Xendit's
// API reference (docs/local-methods.md lists the fields relied on). Only the fields the adapter uses.

/// <summary>The body of <c>POST /payment_requests</c>.</summary>
internal sealed record XenditPaymentRequestParameters(
    [property: JsonPropertyName("reference_id")] string ReferenceId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("payment_method")] XenditPaymentMethodParameters PaymentMethod);

/// <summary><c>payment_method</c> of a new payment request: the channel to pay through, used once.</summary>
internal sealed record XenditPaymentMethodParameters(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("reusability")] string Reusability,
    [property: JsonPropertyName("qr_code")] XenditQrCode? QrCode = null,
    [property: JsonPropertyName("virtual_account")] XenditVirtualAccount? VirtualAccount = null,
    [property: JsonPropertyName("ewallet")] XenditEwallet? Ewallet = null);

/// <summary><c>payment_method.ewallet</c>: the wallet (<c>OVO</c>, <c>DANA</c>, <c>SHOPEEPAY</c>) and what it needs to reach the payer.</summary>
internal sealed record XenditEwallet(
    [property: JsonPropertyName("channel_code")] string? ChannelCode,
    [property: JsonPropertyName("channel_properties")] XenditEwalletProperties? ChannelProperties);

/// <summary>
/// <c>payment_method.ewallet.channel_properties</c>: where a redirect wallet sends the payer back to, or
/// the phone number (E.164) whose OVO app gets the push. Xendit echoes the number in its answers; the
/// adapter reads it only to show it masked.
/// </summary>
internal sealed record XenditEwalletProperties(
    [property: JsonPropertyName("success_return_url")] string? SuccessReturnUrl = null,
    [property: JsonPropertyName("failure_return_url")] string? FailureReturnUrl = null,
    [property: JsonPropertyName("cancel_return_url")] string? CancelReturnUrl = null,
    [property: JsonPropertyName("mobile_number")] string? MobileNumber = null);

/// <summary><c>payment_method.virtual_account</c>: the bank and the account opened for the payment.</summary>
internal sealed record XenditVirtualAccount(
    [property: JsonPropertyName("channel_code")] string? ChannelCode,
    [property: JsonPropertyName("channel_properties")] XenditVirtualAccountProperties? ChannelProperties,
    [property: JsonPropertyName("amount")] decimal? Amount = null,
    [property: JsonPropertyName("currency")] string? Currency = null);

/// <summary>
/// <c>payment_method.virtual_account.channel_properties</c>: the name the payer's bank shows, the
/// account number (Xendit picks one when none is asked for) and when it stops taking transfers.
/// </summary>
internal sealed record XenditVirtualAccountProperties(
    [property: JsonPropertyName("customer_name")] string? CustomerName,
    [property: JsonPropertyName("virtual_account_number")] string? VirtualAccountNumber,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

/// <summary><c>payment_method.qr_code</c>.</summary>
internal sealed record XenditQrCode(
    [property: JsonPropertyName("channel_code")] string? ChannelCode,
    [property: JsonPropertyName("channel_properties")] XenditQrCodeProperties? ChannelProperties = null);

/// <summary><c>payment_method.qr_code.channel_properties</c>: the code's text and when it stops being payable.</summary>
internal sealed record XenditQrCodeProperties(
    [property: JsonPropertyName("qr_string")] string? QrString,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

/// <summary>A payment request as Xendit answers it.</summary>
internal sealed record XenditPaymentRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reference_id")] string? ReferenceId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("failure_code")] string? FailureCode,
    [property: JsonPropertyName("payment_method")] XenditPaymentMethod? PaymentMethod,
    [property: JsonPropertyName("actions")] IReadOnlyList<XenditAction>? Actions,
    [property: JsonPropertyName("created")] DateTimeOffset? Created = null);

/// <summary><c>payment_method</c> of an answered payment request.</summary>
internal sealed record XenditPaymentMethod(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("qr_code")] XenditQrCode? QrCode,
    [property: JsonPropertyName("virtual_account")] XenditVirtualAccount? VirtualAccount,
    [property: JsonPropertyName("ewallet")] XenditEwallet? Ewallet = null);

/// <summary>An entry of <c>actions</c>: what the payer must do next.</summary>
internal sealed record XenditAction(
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("url_type")] string? UrlType,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("qr_code")] string? QrCode);

/// <summary>The answer of <c>GET /payment_requests?reference_id=…</c>.</summary>
internal sealed record XenditPaymentRequestList(
    [property: JsonPropertyName("data")] IReadOnlyList<XenditPaymentRequest>? Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

/// <summary>The body of <c>POST /refunds</c>.</summary>
internal sealed record XenditRefundParameters(
    [property: JsonPropertyName("payment_request_id")] string PaymentRequestId,
    [property: JsonPropertyName("reference_id")] string ReferenceId,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>A refund as Xendit answers it.</summary>
internal sealed record XenditRefund(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("payment_request_id")] string? PaymentRequestId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("failure_code")] string? FailureCode);

/// <summary>Xendit's error body.</summary>
internal sealed record XenditError(
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>A callback: the event and the object it is about (a payment, a payment request or a refund).</summary>
internal sealed record XenditCallback(
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("business_id")] string? BusinessId,
    [property: JsonPropertyName("created")] DateTimeOffset? Created,
    [property: JsonPropertyName("data")] XenditCallbackData? Data);

/// <summary><c>data</c> of a callback: a payment names its payment request, a payment request is one.</summary>
internal sealed record XenditCallbackData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("payment_request_id")] string? PaymentRequestId,
    [property: JsonPropertyName("reference_id")] string? ReferenceId,
    [property: JsonPropertyName("status")] string? Status);

/// <summary>How the adapter reads and writes Xendit JSON.</summary>
internal static class XenditJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
