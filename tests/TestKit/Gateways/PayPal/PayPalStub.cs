using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>
/// PayPal's REST API as far as the adapter uses it, on a loopback server: OAuth2 client
/// credentials, Orders v2, captures and refunds, webhook signature verification. Bodies follow
/// PayPal's OpenAPI specs (the spec tests check both directions). <c>PayPal-Request-Id</c>
/// replays the first answer. <see cref="Override"/> lets a test answer a request its own way.
/// </summary>
public sealed partial class PayPalStub : IAsyncDisposable
{
    public const string ClientId = "client-id";
    public const string ClientSecret = "client-secret";
    public const string WebhookId = "1JE4291016473214C";
    public const string GoodSignature = "sig-from-paypal";

    private readonly ConcurrentDictionary<string, JsonObject> _orders = new();
    private readonly ConcurrentDictionary<string, string> _captureOrders = new();
    private readonly ConcurrentDictionary<string, long> _refundedCents = new();
    private readonly ConcurrentDictionary<string, Reply> _replays = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new();
    private int _sequence;
    private int _tokenRequests;

    private PayPalStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    public int TokenRequests => _tokenRequests;

    public int TokenLifetimeSeconds { get; set; } = 32400;

    /// <summary>Answers a request instead of the stub's own behaviour when it returns a reply.</summary>
    public Func<RecordedRequest, Reply?>? Override { get; set; }

    public static async Task<PayPalStub> StartAsync()
    {
        PayPalStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new PayPalStub(server);
        return stub;
    }

    /// <summary>The payer approved the order on PayPal.</summary>
    public void Approve(string orderId) => _orders[orderId]["status"] = "APPROVED";

    /// <summary>PayPal forgets every token it issued, as when one expires early.</summary>
    public void RevokeTokens() => _validTokens.Clear();

    public JsonObject Order(string orderId) => _orders[orderId];

    public string CaptureOf(string orderId) =>
        _orders[orderId]["purchase_units"]![0]!["payments"]!["captures"]![0]!["id"]!.GetValue<string>();

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Reply Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        if (request.Path == "/v1/oauth2/token")
        {
            return IssueToken(request);
        }

        if (request.Header("Authorization") is not { } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_validTokens.ContainsKey(auth[7..]))
        {
            return new Reply(401, """{"error":"invalid_token","error_description":"Token signature verification failed"}""");
        }

        var replayKey = request.Header("PayPal-Request-Id") is { } requestId ? $"{request.Path}|{requestId}" : null;
        if (replayKey is not null && _replays.TryGetValue(replayKey, out var replay))
        {
            return replay with { Status = 200 };
        }

        var reply = RouteVault(request) ?? Route(request);
        if (replayKey is not null && reply.Status < 500)
        {
            _replays.TryAdd(replayKey, reply);
        }

        return reply;
    }

    private Reply IssueToken(RecordedRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (request.Header("Authorization") != expected || request.Form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return new Reply(401, """{"error":"invalid_client","error_description":"Client Authentication failed"}""");
        }

        var token = $"A21AA-token-{Interlocked.Increment(ref _sequence)}";
        _validTokens[token] = true;
        return new Reply(200, new JsonObject
        {
            ["scope"] = "https://uri.paypal.com/services/payments/payment",
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-80W284485P519543T",
            ["expires_in"] = TokenLifetimeSeconds,
            ["nonce"] = "2026-01-01T00:00:00Z-nonce",
        }.ToJsonString());
    }

    private Reply Route(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v2", "checkout", "orders"]) => CreateOrder(JsonNode.Parse(request.BodyText)!.AsObject()),
            ("GET", ["v2", "checkout", "orders", var id]) => _orders.TryGetValue(id, out var order) ? Ok(order) : NotFound(),
            ("POST", ["v2", "checkout", "orders", var id, "capture"]) => Capture(id),
            ("GET", ["v2", "payments", "captures", var id]) => _captureOrders.TryGetValue(id, out var orderId) ? Ok(CaptureResource(orderId, id)) : NotFound(),
            ("POST", ["v2", "payments", "captures", var id, "refund"]) => Refund(id, JsonNode.Parse(request.BodyText)!.AsObject()),
            ("POST", ["v1", "notifications", "verify-webhook-signature"]) => Verify(JsonNode.Parse(request.BodyText)!.AsObject()),
            _ => NotFound(),
        };
    }

    private Reply CreateOrder(JsonObject body)
    {
        var id = $"5O190127TN{Interlocked.Increment(ref _sequence):D7}";
        var unit = body["purchase_units"]![0]!.DeepClone().AsObject();
        unit["reference_id"] = "default";
        var order = new JsonObject
        {
            ["id"] = id,
            ["intent"] = body["intent"]!.GetValue<string>(),
            ["status"] = "PAYER_ACTION_REQUIRED",
            ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject() },
            ["purchase_units"] = new JsonArray(unit),
            ["create_time"] = "2026-01-01T10:00:00Z",
            ["links"] = new JsonArray(
                Link($"{Server.BaseAddress}v2/checkout/orders/{id}", "self", "GET"),
                Link($"https://www.sandbox.paypal.com/checkoutnow?token={id}", "payer-action", "GET")),
        };
        _orders[id] = order;
        return Vaulting(order, body) ?? new Reply(201, order.ToJsonString());
    }

    private Reply Capture(string orderId)
    {
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return NotFound();
        }

        if (order["status"]!.GetValue<string>() != "APPROVED")
        {
            return Unprocessable(order["status"]!.GetValue<string>() == "COMPLETED" ? "ORDER_ALREADY_CAPTURED" : "ORDER_NOT_APPROVED");
        }

        var captureId = $"3C679366HH{Interlocked.Increment(ref _sequence):D7}";
        _captureOrders[captureId] = orderId;
        var unit = order["purchase_units"]![0]!.AsObject();
        unit["payments"] = new JsonObject
        {
            ["captures"] = new JsonArray(new JsonObject
            {
                ["id"] = captureId,
                ["status"] = "COMPLETED",
                ["amount"] = unit["amount"]!.DeepClone(),
                ["final_capture"] = true,
                ["custom_id"] = unit["custom_id"]?.DeepClone(),
                ["create_time"] = "2026-01-01T10:05:00Z",
                ["update_time"] = "2026-01-01T10:05:00Z",
            }),
        };
        order["status"] = "COMPLETED";
        VaultOnSuccess(order);
        return new Reply(201, order.ToJsonString());
    }

    /// <summary>A capture as <c>GET /v2/payments/captures/{id}</c> shows it (<c>capture-2</c>).</summary>
    public JsonObject CaptureResource(string orderId, string captureId)
    {
        var capture = _orders[orderId]["purchase_units"]![0]!["payments"]!["captures"]![0]!.DeepClone().AsObject();
        capture["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = orderId } };
        capture["id"] = captureId;
        return capture;
    }

    private Reply Refund(string captureId, JsonObject body)
    {
        if (!_captureOrders.TryGetValue(captureId, out var orderId))
        {
            return NotFound();
        }

        var captured = _orders[orderId]["purchase_units"]![0]!["amount"]!;
        var currency = captured["currency_code"]!.GetValue<string>();
        var capturedCents = Cents(captured["value"]!.GetValue<string>());
        var requestedCents = Cents(body["amount"]!["value"]!.GetValue<string>());
        var total = _refundedCents.GetValueOrDefault(captureId) + requestedCents;
        if (total > capturedCents)
        {
            return Unprocessable("REFUND_AMOUNT_EXCEEDED");
        }

        _refundedCents[captureId] = total;
        var refund = new JsonObject
        {
            ["id"] = $"1JU08902781{Interlocked.Increment(ref _sequence):D6}",
            ["status"] = "COMPLETED",
            ["amount"] = body["amount"]!.DeepClone(),
            ["custom_id"] = body["custom_id"]?.DeepClone(),
            ["seller_payable_breakdown"] = new JsonObject
            {
                ["gross_amount"] = body["amount"]!.DeepClone(),
                ["total_refunded_amount"] = new JsonObject { ["currency_code"] = currency, ["value"] = FromCents(total) },
            },
            ["links"] = new JsonArray(
                Link($"{Server.BaseAddress}v2/payments/refunds/R1", "self", "GET"),
                Link($"{Server.BaseAddress}v2/payments/captures/{captureId}", "up", "GET")),
        };
        return new Reply(201, refund.ToJsonString());
    }

    private static Reply Verify(JsonObject body)
    {
        var authentic = body["transmission_sig"]?.GetValue<string>() == GoodSignature
            && body["webhook_id"]?.GetValue<string>() == WebhookId
            && body["webhook_event"] is JsonObject;
        return new Reply(200, new JsonObject { ["verification_status"] = authentic ? "SUCCESS" : "FAILURE" }.ToJsonString());
    }

    private static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    /// <summary>Test amounts are two-decimal or whole; this is only the stub's bookkeeping.</summary>
    private static long Cents(string value) => value.Contains('.', StringComparison.Ordinal)
        ? long.Parse(value.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
        : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) * 100;

    private static string FromCents(long cents) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cents / 100}.{cents % 100:D2}");

    private static Reply Ok(JsonObject body) => new(200, body.ToJsonString());

    private static Reply NotFound() =>
        new(404, """{"name":"RESOURCE_NOT_FOUND","message":"The specified resource does not exist.","debug_id":"90957fca61718","details":[{"issue":"INVALID_RESOURCE_ID","description":"Specified resource ID does not exist."}]}""");

    public static Reply Unprocessable(string issue) => new(422, new JsonObject
    {
        ["name"] = "UNPROCESSABLE_ENTITY",
        ["message"] = "The requested action could not be performed, semantically incorrect, or failed business validation.",
        ["debug_id"] = "90957fca61718",
        ["details"] = new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = issue.ToLowerInvariant().Replace('_', ' ') }),
    }.ToJsonString());
}
