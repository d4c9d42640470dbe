using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaymentCore.Adapters.Http;

/// <summary>
/// One JSON request to a gateway's REST API and its answer: the body read as <typeparamref name="T"/> on
/// success, as the gateway's error shape otherwise (null when it is not one: proxies in between send
/// HTML). Transport exceptions are left to the caller, who knows what they mean for its operation.
/// </summary>
internal sealed class JsonApiClient<TError>(HttpClient httpClient, Func<string, Uri> endpoint, AuthenticationHeaderValue authorization, JsonSerializerOptions json)
    where TError : class
{
    /// <param name="headers">Extra headers, e.g. the gateway's idempotency header.</param>
    public async Task<JsonReply<T, TError>> SendAsync<T>(
        HttpMethod method, string pathAndQuery, object? body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, endpoint(pathAndQuery));
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: json);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? new JsonReply<T, TError>(response.StatusCode, JsonSerializer.Deserialize<T>(answer, json), null)
            : new JsonReply<T, TError>(response.StatusCode, null, ReadError(answer));
    }

    private TError? ReadError(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<TError>(body, json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One answer of a gateway's API: the body on success, the error body (if readable) otherwise.</summary>
internal sealed record JsonReply<T, TError>(HttpStatusCode Status, T? Body, TError? Error)
    where T : class
    where TError : class;
