using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// The typed HTTP client of PayPal's REST API: bearer token, <c>PayPal-Request-Id</c> on every
/// call that changes something, full representations back (<c>Prefer: return=representation</c>).
/// A request refused with 401 is sent once more with a fresh token; PayPal did nothing with it.
/// Transport exceptions are left to the caller, who knows what they mean for its operation.
/// </summary>
internal sealed class PayPalApi(HttpClient httpClient, ClientCredentialsTokens tokens, PayPalOptions options)
{
    /// <summary>PayPal keeps request ids up to this length.</summary>
    private const int MaxRequestIdLength = 108;

    public Task<PayPalReply<PayPalOrder>> CreateOrderAsync(PayPalOrderRequest order, string requestId, CancellationToken cancellationToken) =>
        SendAsync<PayPalOrder>(HttpMethod.Post, "v2/checkout/orders", Json(order), requestId, cancellationToken);

    public Task<PayPalReply<PayPalOrder>> GetOrderAsync(string orderId, CancellationToken cancellationToken) =>
        SendAsync<PayPalOrder>(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}", null, null, cancellationToken);

    public Task<PayPalReply<PayPalOrder>> CaptureOrderAsync(string orderId, string requestId, CancellationToken cancellationToken) =>
        SendAsync<PayPalOrder>(HttpMethod.Post, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/capture", JsonBytes("{}"u8.ToArray()), requestId, cancellationToken);

    public Task<PayPalReply<PayPalCapture>> GetCaptureAsync(string captureId, CancellationToken cancellationToken) =>
        SendAsync<PayPalCapture>(HttpMethod.Get, $"v2/payments/captures/{Uri.EscapeDataString(captureId)}", null, null, cancellationToken);

    public Task<PayPalReply<PayPalRefund>> RefundCaptureAsync(string captureId, PayPalRefundRequest refund, string requestId, CancellationToken cancellationToken) =>
        SendAsync<PayPalRefund>(HttpMethod.Post, $"v2/payments/captures/{Uri.EscapeDataString(captureId)}/refund", Json(refund), requestId, cancellationToken);

    /// <param name="verificationRequest">The <c>verify_webhook_signature</c> body, already serialized
    /// so the event inside keeps the exact bytes PayPal signed.</param>
    public Task<PayPalReply<PayPalVerification>> VerifyWebhookSignatureAsync(byte[] verificationRequest, CancellationToken cancellationToken) =>
        SendAsync<PayPalVerification>(HttpMethod.Post, "v1/notifications/verify-webhook-signature", JsonBytes(verificationRequest), null, cancellationToken);

    /// <summary>Deletes a vault payment token (Vault API v3); PayPal answers 204 without a body.</summary>
    public Task<HttpStatusCode> DeletePaymentTokenAsync(string token, CancellationToken cancellationToken) =>
        tokens.SendAsync(accessToken => DeleteOnceAsync(token, accessToken, cancellationToken), status => status, cancellationToken);

    /// <summary>The request id to send for one of our idempotency keys: the key itself when PayPal can keep it.</summary>
    public static string RequestId(string idempotencyKey) =>
        idempotencyKey.Length <= MaxRequestIdLength
            ? idempotencyKey
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    private Task<PayPalReply<T>> SendAsync<T>(
        HttpMethod method, string path, Func<HttpContent>? content, string? requestId, CancellationToken cancellationToken)
        where T : class =>
        tokens.SendAsync(token => SendOnceAsync<T>(method, path, content, requestId, token, cancellationToken), reply => reply.Status, cancellationToken);

    private async Task<PayPalReply<T>> SendOnceAsync<T>(
        HttpMethod method, string path, Func<HttpContent>? content, string? requestId, string token, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, options.Endpoint(path)) { Content = content?.Invoke() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (method == HttpMethod.Post)
        {
            request.Headers.Add("Prefer", "return=representation");
        }

        if (requestId is not null)
        {
            request.Headers.Add("PayPal-Request-Id", RequestId(requestId));
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new PayPalReply<T>(response.StatusCode, JsonSerializer.Deserialize<T>(body, PayPalJson.Options), null);
        }

        return new PayPalReply<T>(response.StatusCode, null, ReadError(body));
    }

    private async Task<HttpStatusCode> DeleteOnceAsync(string token, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, options.Endpoint($"v3/vault/payment-tokens/{Uri.EscapeDataString(token)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>PayPal's error body when there is one; gateways and proxies in between send HTML.</summary>
    private static PayPalError? ReadError(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<PayPalError>(body, PayPalJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Func<HttpContent> Json<T>(T value) => JsonBytes(JsonSerializer.SerializeToUtf8Bytes(value, PayPalJson.Options));

    private static Func<HttpContent> JsonBytes(byte[] json) => () =>
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    };
}

/// <summary>One answer of PayPal's API: the body on success, the error body (if readable) otherwise.</summary>
internal sealed record PayPalReply<T>(HttpStatusCode Status, T? Body, PayPalError? Error)
    where T : class
{
    public bool Succeeded => Body is not null;
}
