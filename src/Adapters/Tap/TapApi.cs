using System.Net.Http.Headers;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Tap;

/// <summary>
/// The typed HTTP client of Tap's API v2: the secret key as bearer token. Tap has no idempotency
/// header; a charge or refund carries its idempotency key in <c>reference.idempotent</c> instead.
/// Transport exceptions are left to the caller, who knows what they mean for its operation.
/// </summary>
internal sealed class TapApi(HttpClient httpClient, TapOptions options)
{
    private readonly JsonApiClient<TapErrors> _client = new(
        httpClient, options.Endpoint, new AuthenticationHeaderValue("Bearer", options.SecretKey), TapJson.Options);

    public Task<JsonReply<TapCharge, TapErrors>> CreateChargeAsync(TapChargeRequest charge, CancellationToken cancellationToken) =>
        _client.SendAsync<TapCharge>(HttpMethod.Post, "v2/charges", charge, [], cancellationToken);

    public Task<JsonReply<TapCharge, TapErrors>> GetChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        _client.SendAsync<TapCharge>(HttpMethod.Get, $"v2/charges/{Uri.EscapeDataString(chargeId)}", null, [], cancellationToken);

    public Task<JsonReply<TapRefund, TapErrors>> CreateRefundAsync(TapRefundRequest refund, CancellationToken cancellationToken) =>
        _client.SendAsync<TapRefund>(HttpMethod.Post, "v2/refunds", refund, [], cancellationToken);
}
