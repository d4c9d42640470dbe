using System.Net.Http.Headers;
using System.Text;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Xendit;

/// <summary>
/// The typed HTTP client of Xendit's API: HTTP Basic with the secret key as user name and no password,
/// <c>idempotency-key</c> on every call that creates something (Xendit answers a repeated key with the
/// first result instead of creating a second payment request or refund). Transport exceptions are
/// left to the caller, who knows what they mean for its operation.
/// </summary>
internal sealed class XenditApi(HttpClient httpClient, XenditOptions options)
{
    private readonly JsonApiClient<XenditError> _client = new(
        httpClient,
        options.Endpoint,
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.SecretKey + ":"))),
        XenditJson.Options);

    public Task<JsonReply<XenditPaymentRequest, XenditError>> CreatePaymentRequestAsync(XenditPaymentRequestParameters parameters, string idempotencyKey, CancellationToken cancellationToken) =>
        _client.SendAsync<XenditPaymentRequest>(HttpMethod.Post, "payment_requests", parameters, Idempotency(idempotencyKey), cancellationToken);

    public Task<JsonReply<XenditPaymentRequest, XenditError>> GetPaymentRequestAsync(string paymentRequestId, CancellationToken cancellationToken) =>
        _client.SendAsync<XenditPaymentRequest>(HttpMethod.Get, $"payment_requests/{Uri.EscapeDataString(paymentRequestId)}", null, [], cancellationToken);

    /// <summary>The payment requests carrying our reference: how a charge whose answer was lost is found again.</summary>
    public Task<JsonReply<XenditPaymentRequestList, XenditError>> FindPaymentRequestsAsync(string referenceId, CancellationToken cancellationToken) =>
        _client.SendAsync<XenditPaymentRequestList>(HttpMethod.Get, $"payment_requests?reference_id={Uri.EscapeDataString(referenceId)}", null, [], cancellationToken);

    public Task<JsonReply<XenditRefund, XenditError>> CreateRefundAsync(XenditRefundParameters parameters, string idempotencyKey, CancellationToken cancellationToken) =>
        _client.SendAsync<XenditRefund>(HttpMethod.Post, "refunds", parameters, Idempotency(idempotencyKey), cancellationToken);

    private static KeyValuePair<string, string>[] Idempotency(string key) => [new("idempotency-key", key)];
}
