using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace PaymentCore.Adapters.Http;

/// <summary>
/// An OAuth 2.0 client-credentials access token (RFC 6749 §4.4, client authenticated with HTTP
/// Basic), cached until shortly before it expires. Concurrent callers share one refresh: the first
/// waits for the token endpoint, the others wait for it. A request the API refused with 401 is sent
/// once more with a fresh token (<see cref="SendAsync{T}"/>): the API did nothing with it.
/// </summary>
/// <param name="gatewayName">Names the gateway in the exceptions' messages.</param>
/// <param name="scope">The <c>scope</c> to ask for; null asks for the client's default.</param>
public sealed class ClientCredentialsTokens(
    HttpClient httpClient,
    string gatewayName,
    Uri tokenUrl,
    string clientId,
    string clientSecret,
    string? scope,
    TimeProvider time) : IDisposable
{
    /// <summary>Refresh this long before expiry so a request never leaves with a token about to lapse.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;

    /// <summary>A valid token; asks the token endpoint only when the cached one is missing, stale or was refused.</summary>
    /// <exception cref="TokenUnavailableException">No token was handed out.</exception>
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

    /// <summary>Drops a token the API refused, unless another caller already replaced it.</summary>
    public void Reject(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    /// <summary>
    /// Sends with a bearer token; when the answer's status is 401, drops that token and sends once
    /// more with a fresh one.
    /// </summary>
    /// <param name="send">Sends the request with the given token and reads its answer.</param>
    public async Task<T> SendAsync<T>(Func<string, Task<T>> send, Func<T, HttpStatusCode> statusOf, CancellationToken cancellationToken)
    {
        var token = await GetAsync(cancellationToken);
        var answer = await send(token);
        if (statusOf(answer) != HttpStatusCode.Unauthorized)
        {
            return answer;
        }

        Reject(token);
        return await send(await GetAsync(cancellationToken));
    }

    public void Dispose() => _refresh.Dispose();

    private string? Fresh(CachedToken? token) => token is not null && time.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "client_credentials")];
        if (!string.IsNullOrWhiteSpace(scope))
        {
            form.Add(new("scope", scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));

        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new TokenUnavailableException($"{gatewayName} refused the token request (HTTP {(int)response.StatusCode}).", null);
            }

            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
            if (answer is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new TokenUnavailableException($"{gatewayName}'s token answer had no token.", null);
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            return new CachedToken(answer.AccessToken, time.GetUtcNow() + lifetime - margin);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            throw new TokenUnavailableException($"No token from {gatewayName}: {exception.Message}", exception);
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    /// <summary>The token endpoint's answer (RFC 6749 §5.1).</summary>
    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>No access token could be had, so the API request it was for was never sent.</summary>
public sealed class TokenUnavailableException(string message, Exception? inner) : Exception(message, inner);
