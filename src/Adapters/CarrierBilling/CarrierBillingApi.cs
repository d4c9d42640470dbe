using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// The typed HTTP client of an operator's CAMARA Carrier Billing (v0.5) and Refund (v0.3) APIs:
/// a client-credentials bearer token (a request refused with 401 goes once more with a fresh one)
/// and an <c>x-correlator</c> on every request. Transport exceptions are left to the caller, who
/// knows what they mean for its operation.
/// </summary>
internal sealed class CarrierBillingApi(HttpClient httpClient, ClientCredentialsTokens tokens, CarrierBillingOptions options)
{
    public Task<CamaraReply<CamaraPayment>> PrepareAsync(CamaraPaymentRequest payment, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Post, Payments("payments/prepare"), payment, cancellationToken);

    public Task<CamaraReply<CamaraPayment>> CreateAsync(CamaraPaymentRequest payment, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Post, Payments("payments"), payment, cancellationToken);

    public Task<CamaraReply<CamaraPayment>> GetAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Get, Payments($"payments/{Uri.EscapeDataString(paymentId)}"), null, cancellationToken);

    /// <summary>One page of our payments, newest first (<c>retrievePayments</c>).</summary>
    public Task<CamaraReply<List<CamaraPayment>>> ListAsync(int page, int perPage, CancellationToken cancellationToken) =>
        SendAsync<List<CamaraPayment>>(
            HttpMethod.Get,
            Payments(string.Create(CultureInfo.InvariantCulture, $"payments?order=desc&page={page}&perPage={perPage}")),
            null,
            cancellationToken);

    public Task<CamaraReply<CamaraPayment>> ValidateAsync(string paymentId, CamaraValidateRequest validation, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Post, Payments($"payments/{Uri.EscapeDataString(paymentId)}/validate"), validation, cancellationToken);

    public Task<CamaraReply<CamaraPayment>> ConfirmAsync(string paymentId, string phoneNumber, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Post, Payments($"payments/{Uri.EscapeDataString(paymentId)}/confirm"), new CamaraPhoneNumber(phoneNumber), cancellationToken);

    public Task<CamaraReply<CamaraPayment>> CancelAsync(string paymentId, string phoneNumber, CancellationToken cancellationToken) =>
        SendAsync<CamaraPayment>(HttpMethod.Post, Payments($"payments/{Uri.EscapeDataString(paymentId)}/cancel"), new CamaraPhoneNumber(phoneNumber), cancellationToken);

    public Task<CamaraReply<CamaraRefund>> CreateRefundAsync(string paymentId, CamaraRefundRequest refund, CancellationToken cancellationToken) =>
        SendAsync<CamaraRefund>(HttpMethod.Post, Refunds(paymentId, string.Empty), refund, cancellationToken);

    public Task<CamaraReply<List<CamaraRefund>>> ListRefundsAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<List<CamaraRefund>>(HttpMethod.Get, Refunds(paymentId, string.Empty), null, cancellationToken);

    public Task<CamaraReply<CamaraRemainingAmount>> RemainingAmountAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<CamaraRemainingAmount>(HttpMethod.Get, Refunds(paymentId, "/remaining-amount"), null, cancellationToken);

    private Uri Payments(string path) => new(options.PaymentsApi(), path);

    private Uri Refunds(string paymentId, string tail) => new(options.RefundsApi(), $"payments/{Uri.EscapeDataString(paymentId)}/refunds{tail}");

    private Task<CamaraReply<T>> SendAsync<T>(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
        where T : class =>
        tokens.SendAsync(token => SendOnceAsync<T>(method, uri, body, token, cancellationToken), reply => reply.Status, cancellationToken);

    private async Task<CamaraReply<T>> SendOnceAsync<T>(HttpMethod method, Uri uri, object? body, string token, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), CamaraJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("x-correlator", Guid.NewGuid().ToString());

        using var response = await httpClient.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            // confirm, cancel and validate answer 202/204 without a body.
            return new CamaraReply<T>(response.StatusCode, answer.Length == 0 ? null : JsonSerializer.Deserialize<T>(answer, CamaraJson.Options), null);
        }

        return new CamaraReply<T>(response.StatusCode, null, ReadError(answer));
    }

    /// <summary>The operator's <c>ErrorInfo</c> when there is one; proxies in between send HTML.</summary>
    private static CamaraError? ReadError(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<CamaraError>(body, CamaraJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One answer of the operator: the body on success (if it has one), the error (if readable) otherwise.</summary>
internal sealed record CamaraReply<T>(HttpStatusCode Status, T? Body, CamaraError? Error)
    where T : class
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>The operator's error code (<c>CARRIER_BILLING.PAYMENT_DENIED</c>, …), if it gave one.</summary>
    public string? Code => Error?.Code;
}
