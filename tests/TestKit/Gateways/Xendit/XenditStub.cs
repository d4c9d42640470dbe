using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Xendit;

/// <summary>
/// Xendit's Payment Requests API (v2: QRIS codes, virtual accounts and e-wallets) and Refunds API as far as the adapter uses them, on a loopback
/// server, with the shapes of Xendit's public API reference (docs/local-methods.md): HTTP Basic with
/// the secret key, <c>idempotency-key</c> replaying the first answer, payment requests readable by id
/// and by <c>reference_id</c>, and the callbacks Xendit would send (<see cref="Callback"/>), which carry
/// the account's callback token. A test moves a payment request as the payer or the clock would
/// (<see cref="Pay"/>, <see cref="Expire"/>); <see cref="Override"/> answers a request its own way.
/// </summary>
public sealed class XenditStub : IAsyncDisposable
{
    public const string SecretKey = "xnd_development_stub0000000000000000";
    public const string CallbackToken = "xendit-callback-token-stub";
    private const string BusinessId = "5f27a14a9bf05c73dd040bc8";

    private readonly ConcurrentDictionary<string, JsonObject> _requests = new();
    private readonly ConcurrentDictionary<string, long> _refunded = new();
    private readonly ConcurrentDictionary<string, Reply> _replays = new();
    private readonly object _create = new();
    private int _sequence;

    private XenditStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    /// <summary>Answers a request instead of the stub's own behaviour when it returns a reply.</summary>
    public Func<RecordedRequest, Reply?>? Override { get; set; }

    /// <summary>How long the answer to a new payment request takes, after it was made (a lost answer when longer than the client waits).</summary>
    public TimeSpan CreateDelay { get; set; }

    /// <summary>Payment requests created, however often they were asked for.</summary>
    public int PaymentRequestsCreated => _requests.Count;

    public static async Task<XenditStub> StartAsync()
    {
        XenditStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new XenditStub(server);
        return stub;
    }

    public JsonObject PaymentRequest(string id) => _requests[id];

    public string OnlyPaymentRequestId => _requests.Keys.Single();

    /// <summary>The payer scanned the code and paid in their app, or transferred the amount to the virtual account.</summary>
    public void Pay(string id) => _requests[id]["status"] = "SUCCEEDED";

    /// <summary>The code or virtual account was not paid in time.</summary>
    public void Expire(string id) => _requests[id]["status"] = "EXPIRED";

    /// <summary>
    /// The callback Xendit sends about a payment request: <c>payment.succeeded</c> and
    /// <c>payment.failed</c> carry the payment (naming its payment request),
    /// <c>payment_request.expiry</c> the payment request itself.
    /// </summary>
    public static string Callback(string eventType, string paymentRequestId, string referenceId, string status, long rupiah)
    {
        var data = eventType.StartsWith("payment_request.", StringComparison.Ordinal)
            ? new JsonObject { ["id"] = paymentRequestId, ["reference_id"] = referenceId, ["status"] = status }
            : new JsonObject
            {
                ["id"] = "py-" + Guid.NewGuid(),
                ["payment_request_id"] = paymentRequestId,
                ["reference_id"] = referenceId,
                ["currency"] = "IDR",
                ["amount"] = rupiah,
                ["country"] = "ID",
                ["status"] = status,
                ["payment_method"] = new JsonObject { ["type"] = "QR_CODE", ["qr_code"] = new JsonObject { ["channel_code"] = "QRIS" } },
                ["created"] = "2026-12-01T10:00:00Z",
                ["updated"] = "2026-12-01T10:01:00Z",
            };
        return new JsonObject
        {
            ["event"] = eventType,
            ["business_id"] = BusinessId,
            ["created"] = "2026-12-01T10:01:00Z",
            ["data"] = data,
        }.ToJsonString();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Reply Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretKey + ":"));
        if (request.Header("Authorization") != expected)
        {
            return new Reply(401, """{"error_code":"INVALID_API_KEY","message":"API key is not authorized for this API service"}""");
        }

        var replayKey = request.Method == "POST" && request.Header("idempotency-key") is { } key ? $"{request.Path}|{key}" : null;
        if (replayKey is null)
        {
            return Route(request);
        }

        lock (_create)
        {
            if (_replays.TryGetValue(replayKey, out var replay))
            {
                return replay;
            }

            var reply = Route(request);
            if (reply.Status < 500)
            {
                _replays[replayKey] = reply with { Delay = TimeSpan.Zero };
            }

            return reply;
        }
    }

    private Reply Route(RecordedRequest request) => (request.Method, request.Path.Trim('/').Split('/')) switch
    {
        ("POST", ["payment_requests"]) => Create(JsonNode.Parse(request.BodyText)!.AsObject()),
        ("GET", ["payment_requests"]) => FindByReference(request.Query),
        ("GET", ["payment_requests", var id]) => _requests.TryGetValue(id, out var found)
            ? new Reply(200, found.ToJsonString())
            : NotFound("Payment request not found"),
        ("POST", ["refunds"]) => Refund(JsonNode.Parse(request.BodyText)!.AsObject()),
        _ => NotFound("The requested resource was not found"),
    };

    private Reply Create(JsonObject body)
    {
        var method = body["payment_method"] as JsonObject;
        var type = method?["type"]?.GetValue<string>();
        if (body["reference_id"]?.GetValue<string>() is not { Length: > 0 } reference
            || body["currency"]?.GetValue<string>() != "IDR"
            || body["amount"] is not JsonValue amount || !amount.TryGetValue<long>(out var rupiah) || rupiah < 1
            || method?["reusability"]?.GetValue<string>() != "ONE_TIME_USE"
            || !(type == "QR_CODE" && method["qr_code"]?["channel_code"]?.GetValue<string>() == "QRIS"
                || type == "VIRTUAL_ACCOUNT" && method["virtual_account"]?["channel_code"]?.GetValue<string>() is "BCA" or "BNI" or "BRI" or "MANDIRI" or "PERMATA"
                    && method["virtual_account"]?["channel_properties"]?["customer_name"]?.GetValue<string>() is { Length: > 0 }
                || type == "EWALLET" && IsEwallet(method["ewallet"])))
        {
            return new Reply(400, """{"error_code":"API_VALIDATION_ERROR","message":"There is an error with the format submitted to the server."}""");
        }

        var n = Interlocked.Increment(ref _sequence);
        var id = $"pr-{Guid.NewGuid()}";
        var ewallet = method["ewallet"]?["channel_code"]?.GetValue<string>();
        var channel = type switch
        {
            "QR_CODE" => new JsonObject
            {
                ["channel_code"] = "QRIS",
                ["channel_properties"] = new JsonObject
                {
                    ["qr_string"] = $"00020101021226660014ID.CO.QRIS.WWW0118936009153{n:D6}5204581253033605405{rupiah}5802ID6304ABCD",
                    ["expires_at"] = "2026-12-03T10:00:00Z",
                },
            },
            // Xendit echoes the e-wallet channel as it was asked for (OVO's number included).
            "EWALLET" => method["ewallet"]!.DeepClone().AsObject(),
            _ => new JsonObject
            {
                ["channel_code"] = method["virtual_account"]!["channel_code"]!.GetValue<string>(),
                ["channel_properties"] = new JsonObject
                {
                    ["customer_name"] = method["virtual_account"]!["channel_properties"]!["customer_name"]!.GetValue<string>(),
                    ["virtual_account_number"] = $"880812{n:D10}",
                    ["expires_at"] = method["virtual_account"]!["channel_properties"]!["expires_at"]?.GetValue<string>(),
                },
                ["amount"] = rupiah,
                ["currency"] = "IDR",
            },
        };
        var created = new JsonObject
        {
            ["id"] = id,
            ["business_id"] = BusinessId,
            ["reference_id"] = reference,
            ["currency"] = "IDR",
            ["amount"] = rupiah,
            ["country"] = body["country"]?.GetValue<string>(),
            ["description"] = body["description"]?.GetValue<string>(),
            // A redirect wallet waits for the payer on its page; the rest (a code, an account, OVO's push) wait with nothing to open.
            ["status"] = ewallet is "DANA" or "SHOPEEPAY" ? "REQUIRES_ACTION" : "PENDING",
            ["payment_method"] = new JsonObject
            {
                ["id"] = $"pm-{Guid.NewGuid()}",
                ["type"] = type,
                ["reusability"] = "ONE_TIME_USE",
                ["status"] = "ACTIVE",
                [type switch { "QR_CODE" => "qr_code", "EWALLET" => "ewallet", _ => "virtual_account" }] = channel,
            },
            ["actions"] = ewallet is "DANA" or "SHOPEEPAY" ? WalletPages(ewallet, id) : new JsonArray(),
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
            ["updated"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        _requests[id] = created;
        return new Reply(201, created.ToJsonString(), CreateDelay);
    }

    /// <summary>
    /// An e-wallet channel as Xendit takes it: OVO with the payer's <c>mobile_number</c> in E.164 (the
    /// number of an Indonesian line, "+62…"), DANA and ShopeePay with the <c>success_return_url</c> they send the payer back to.
    /// </summary>
    private static bool IsEwallet(JsonNode? ewallet) =>
        (ewallet?["channel_code"]?.GetValue<string>(), ewallet?["channel_properties"]) switch
        {
            ("OVO", { } properties) => properties["mobile_number"]?.GetValue<string>() is { } number && System.Text.RegularExpressions.Regex.IsMatch(number, @"^\+62[1-9][0-9]{7,12}$"),
            ("DANA" or "SHOPEEPAY", { } properties) => Uri.TryCreate(properties["success_return_url"]?.GetValue<string>(), UriKind.Absolute, out _),
            _ => false,
        };

    /// <summary>Where a redirect wallet's payer approves: its web page, and its app on a phone.</summary>
    private static JsonArray WalletPages(string wallet, string id) =>
    [
        new JsonObject { ["action"] = "AUTH", ["url_type"] = "WEB", ["method"] = "GET", ["url"] = $"https://ewallet-mock.xendit.invalid/{wallet.ToLowerInvariant()}/web/{id}" },
        new JsonObject { ["action"] = "AUTH", ["url_type"] = "MOBILE", ["method"] = "GET", ["url"] = $"https://ewallet-mock.xendit.invalid/{wallet.ToLowerInvariant()}/mobile/{id}" },
    ];

    private Reply FindByReference(string query)
    {
        var reference = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).GetValueOrDefault("reference_id").ToString();
        var found = new JsonArray([.. _requests.Values.Where(r => r["reference_id"]?.GetValue<string>() == reference).Select(r => r.DeepClone())]);
        return new Reply(200, new JsonObject { ["data"] = found, ["has_more"] = false }.ToJsonString());
    }

    private Reply Refund(JsonObject body)
    {
        if (body["payment_request_id"]?.GetValue<string>() is not { } id || !_requests.TryGetValue(id, out var paid))
        {
            return NotFound("Payment request not found");
        }

        var amount = body["amount"]!.GetValue<long>();
        var total = paid["amount"]!.GetValue<long>();
        if (paid["payment_method"]?["type"]?.GetValue<string>() == "VIRTUAL_ACCOUNT")
        {
            return new Reply(400, """{"error_code":"INELIGIBLE_TRANSACTION_ERROR","message":"Virtual account payments cannot be refunded."}""");
        }

        if (paid["status"]?.GetValue<string>() != "SUCCEEDED")
        {
            return new Reply(400, """{"error_code":"INELIGIBLE_TRANSACTION_ERROR","message":"The payment is not eligible for a refund."}""");
        }

        if (_refunded.AddOrUpdate(id, amount, (_, before) => before + amount) > total)
        {
            _refunded.AddOrUpdate(id, 0, (_, after) => after - amount);
            return new Reply(400, """{"error_code":"INVALID_AMOUNT_ERROR","message":"The refund amount exceeds the amount that can be refunded."}""");
        }

        return new Reply(200, new JsonObject
        {
            ["id"] = $"rfd-{Guid.NewGuid()}",
            ["payment_request_id"] = id,
            ["reference_id"] = body["reference_id"]?.GetValue<string>(),
            ["amount"] = amount,
            ["currency"] = "IDR",
            ["channel_code"] = paid["payment_method"]?["ewallet"]?["channel_code"]?.GetValue<string>() ?? "QRIS",
            ["country"] = "ID",
            ["status"] = "SUCCEEDED",
            ["reason"] = body["reason"]?.GetValue<string>(),
            ["created"] = "2026-12-01T11:00:00Z",
            ["updated"] = "2026-12-01T11:00:00Z",
        }.ToJsonString());
    }

    private static Reply NotFound(string message) =>
        new(404, new JsonObject { ["error_code"] = "DATA_NOT_FOUND", ["message"] = message }.ToJsonString());
}
