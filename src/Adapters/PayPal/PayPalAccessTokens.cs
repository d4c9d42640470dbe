using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// The OAuth2 client-credentials token for PayPal's REST API, cached until shortly before it
/// expires. Concurrent callers share one refresh: the first waits for PayPal, the others wait for it.
/// </summary>
internal sealed class PayPalAccessTokens(HttpClient httpClient, PayPalOptions options, TimeProvider time) : IDisposable
{
    /// <summary>Refresh this long before expiry so a request never leaves with a token about to lapse.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;

    /// <summary>A valid token; asks PayPal only when the cached one is missing, stale or was refused.</summary>
    /// <exception cref="PayPalTokenUnavailableException">PayPal did not hand out a token.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var token = await FetchAsync(cancellationToken);
            _current = token;
            return token.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops a token PayPal refused, unless another caller already replaced it.</summary>
    public void Reject(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Fresh(CachedToken? token) => token is not null && time.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint("v1/oauth2/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));

        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PayPalTokenUnavailableException($"PayPal refused the token request (HTTP {(int)response.StatusCode}).", null);
            }

            var answer = await response.Content.ReadFromJsonAsync<PayPalAccessToken>(PayPalJson.Options, cancellationToken);
            if (answer is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new PayPalTokenUnavailableException("PayPal's token answer had no token.", null);
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            return new CachedToken(answer.AccessToken, time.GetUtcNow() + lifetime - margin);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            throw new PayPalTokenUnavailableException($"No token from PayPal: {exception.Message}", exception);
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}

/// <summary>
/// No access token could be had, so the API request it was for was never sent.
/// </summary>
internal sealed class PayPalTokenUnavailableException(string message, Exception? inner) : Exception(message, inner);
