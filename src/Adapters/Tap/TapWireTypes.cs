using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentCore.Adapters.Tap;

// The JSON shapes this adapter sends to and reads from Tap Payments' API v2 (charges, refunds) and
// its webhooks, named after Tap's API reference (docs/local-methods.md lists the fields relied on).
// Only the fields the adapter uses.

/// <summary>The body of <c>POST /v2/charges</c>.</summary>
internal sealed record TapChargeRequest(
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("customer_initiated")] bool CustomerInitiated,
    [property: JsonPropertyName("threeDSecure")] bool ThreeDSecure,
    [property: JsonPropertyName("save_card")] bool SaveCard,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("reference")] TapReference Reference,
    [property: JsonPropertyName("customer")] TapCustomer Customer,
    [property: JsonPropertyName("source")] TapSource Source,
    [property: JsonPropertyName("redirect")] TapUrl Redirect);

/// <summary>
/// <c>reference</c>: our ids (<c>transaction</c>, <c>order</c>; <c>merchant</c> on refunds) and
/// <c>idempotent</c>, which makes Tap answer a repeated request with its first result for 24 hours.
/// Tap adds <c>gateway</c> and <c>payment</c> (the acquirer's references) to a charge.
/// </summary>
internal sealed record TapReference(
    [property: JsonPropertyName("transaction")] string? Transaction = null,
    [property: JsonPropertyName("order")] string? Order = null,
    [property: JsonPropertyName("merchant")] string? Merchant = null,
    [property: JsonPropertyName("idempotent")] string? Idempotent = null,
    [property: JsonPropertyName("gateway")] string? Gateway = null,
    [property: JsonPropertyName("payment")] string? Payment = null);

/// <summary><c>customer</c>, which Tap requires on a charge.</summary>
internal sealed record TapCustomer(
    [property: JsonPropertyName("first_name")] string FirstName);

/// <summary><c>source</c>: what pays (<c>src_kw.knet</c>).</summary>
internal sealed record TapSource(
    [property: JsonPropertyName("id")] string Id);

/// <summary><c>redirect</c> and <c>post</c>: a URL.</summary>
internal sealed record TapUrl(
    [property: JsonPropertyName("url")] string? Url);

/// <summary>A charge as Tap answers it (and posts it to the webhook).</summary>
internal sealed record TapCharge(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string? Object,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("reference")] TapReference? Reference,
    [property: JsonPropertyName("transaction")] TapTransaction? Transaction,
    [property: JsonPropertyName("response")] TapResponse? Response);

/// <summary><c>transaction</c>: the payment page and when the charge was made (as Tap writes it, for the hashstring).</summary>
internal sealed record TapTransaction(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("created")] JsonElement Created);

/// <summary><c>response</c>: the acquirer's code and message.</summary>
internal sealed record TapResponse(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>The body of <c>POST /v2/refunds</c>.</summary>
internal sealed record TapRefundRequest(
    [property: JsonPropertyName("charge_id")] string ChargeId,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("reference")] TapReference Reference);

/// <summary>A refund as Tap answers it.</summary>
internal sealed record TapRefund(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("charge_id")] string? ChargeId,
    [property: JsonPropertyName("response")] TapResponse? Response);

/// <summary>Tap's error body: <c>errors[]</c> of <c>code</c> and <c>description</c>.</summary>
internal sealed record TapErrors(
    [property: JsonPropertyName("errors")] IReadOnlyList<TapError>? Errors)
{
    public TapError? First => Errors?.FirstOrDefault();
}

internal sealed record TapError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>How the adapter reads and writes Tap JSON.</summary>
internal static class TapJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
