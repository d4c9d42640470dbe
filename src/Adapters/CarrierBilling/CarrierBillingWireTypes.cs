using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentCore.Adapters.CarrierBilling;

// The JSON shapes this adapter sends to and reads from a CAMARA operator, named after the schemas of
// carrier-billing.yaml (v0.5) and carrier-billing-refund.yaml (v0.3); the tests hold every request
// against those specs. Only the fields the adapter uses.

/// <summary><c>ChargingInformation</c> (both APIs).</summary>
internal sealed record CamaraChargingInformation(
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("isTaxIncluded")] bool? IsTaxIncluded);

/// <summary><c>ChargingMetaData</c>; the Refund API knows only <c>merchantIdentifier</c>.</summary>
internal sealed record CamaraChargingMetaData(
    [property: JsonPropertyName("merchantName")] string? MerchantName,
    [property: JsonPropertyName("merchantIdentifier")] string? MerchantIdentifier);

/// <summary><c>PaymentAmountForCharge</c> and <c>PaymentAmountForReserve</c>.</summary>
internal sealed record CamaraPaymentAmount(
    [property: JsonPropertyName("chargingInformation")] CamaraChargingInformation ChargingInformation,
    [property: JsonPropertyName("chargingMetaData")] CamaraChargingMetaData? ChargingMetaData);

/// <summary>
/// <c>AmountTransactionInput</c> / <c>AmountReservationTransactionForReserveInput</c> as sent, and
/// <c>AmountTransaction</c> / <c>AmountReservationTransactionForReserve</c> as answered.
/// </summary>
internal sealed record CamaraAmountTransaction(
    [property: JsonPropertyName("phoneNumber")] string? PhoneNumber,
    [property: JsonPropertyName("clientCorrelator")] string? ClientCorrelator,
    [property: JsonPropertyName("paymentAmount")] CamaraPaymentAmount PaymentAmount,
    [property: JsonPropertyName("referenceCode")] string ReferenceCode);

/// <summary><c>AccessTokenCredential</c>: how the operator authenticates its notifications to us.</summary>
internal sealed record CamaraSinkCredential(
    [property: JsonPropertyName("credentialType")] string CredentialType,
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("accessTokenExpiresUtc")] DateTimeOffset AccessTokenExpiresUtc,
    [property: JsonPropertyName("accessTokenType")] string AccessTokenType);

/// <summary><c>CreatePayment</c> (one step) and <c>BodyAmountReservationTransactionForReserveInput</c> (prepare).</summary>
internal sealed record CamaraPaymentRequest(
    [property: JsonPropertyName("amountTransaction")] CamaraAmountTransaction AmountTransaction,
    [property: JsonPropertyName("sink")] string? Sink,
    [property: JsonPropertyName("sinkCredential")] CamaraSinkCredential? SinkCredential);

/// <summary><c>Payment</c>, <c>PaymentCreated</c> and <c>BodyAmountReservationTransactionForReserve</c> (which adds <c>validationInfo</c>).</summary>
internal sealed record CamaraPayment(
    [property: JsonPropertyName("paymentId")] string PaymentId,
    [property: JsonPropertyName("amountTransaction")] CamaraAmountTransaction? AmountTransaction,
    [property: JsonPropertyName("paymentStatus")] string? PaymentStatus,
    [property: JsonPropertyName("validationInfo")] CamaraValidationInfo? ValidationInfo);

/// <summary><c>ValidationInfo</c> with its two shapes, <c>Validate</c> (a code to type) and <c>Open</c> (a page).</summary>
internal sealed record CamaraValidationInfo(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("authorizationId")] string? AuthorizationId,
    [property: JsonPropertyName("validationURL")] string? ValidationUrl);

/// <summary><c>ValidatePayment</c>.</summary>
internal sealed record CamaraValidateRequest(
    [property: JsonPropertyName("authorizationId")] string AuthorizationId,
    [property: JsonPropertyName("code")] string Code);

/// <summary><c>PhoneNumber</c>: the body of confirm and cancel (2-legged, so the number travels).</summary>
internal sealed record CamaraPhoneNumber(
    [property: JsonPropertyName("phoneNumber")] string PhoneNumber);

/// <summary><c>ErrorInfo</c> (both APIs).</summary>
internal sealed record CamaraError(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary><c>CreateTotalRefund</c> and <c>CreatePartialRefund</c>.</summary>
internal sealed record CamaraRefundRequest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("amountTransaction")] CamaraRefundTransaction AmountTransaction,
    [property: JsonPropertyName("sink")] string? Sink,
    [property: JsonPropertyName("sinkCredential")] CamaraSinkCredential? SinkCredential);

/// <summary><c>AmountTransactionTotalRefund</c> and <c>AmountTransactionPartialRefund</c>.</summary>
internal sealed record CamaraRefundTransaction(
    [property: JsonPropertyName("clientCorrelator")] string? ClientCorrelator,
    [property: JsonPropertyName("refundAmount")] CamaraRefundAmount RefundAmount,
    [property: JsonPropertyName("referenceCode")] string ReferenceCode);

/// <summary><c>RefundAmountPartialRefund</c>; for a total refund (<c>RefundAmountTotalRefund</c>) without <c>chargingInformation</c>.</summary>
internal sealed record CamaraRefundAmount(
    [property: JsonPropertyName("chargingInformation")] CamaraChargingInformation? ChargingInformation,
    [property: JsonPropertyName("chargingMetaData")] CamaraChargingMetaData? ChargingMetaData);

/// <summary><c>Refund</c> (<c>TotalRefund</c> / <c>PartialRefund</c>).</summary>
internal sealed record CamaraRefund(
    [property: JsonPropertyName("refundId")] string RefundId,
    [property: JsonPropertyName("refundStatus")] string? RefundStatus,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("amountTransaction")] CamaraRefundTransaction? AmountTransaction);

/// <summary><c>PaymentRemainingAmount</c>.</summary>
internal sealed record CamaraRemainingAmount(
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency);

/// <summary><c>CloudEvent</c>, as both APIs notify.</summary>
internal sealed record CamaraCloudEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("specversion")] string? SpecVersion,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("data")] CamaraEventData? Data);

/// <summary><c>BasicEvent</c> of both APIs (the refund one adds <c>refundId</c>).</summary>
internal sealed record CamaraEventData(
    [property: JsonPropertyName("paymentId")] string? PaymentId,
    [property: JsonPropertyName("refundId")] string? RefundId,
    [property: JsonPropertyName("status")] string? Status);

/// <summary>How the adapter reads and writes CAMARA JSON.</summary>
internal static class CamaraJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
