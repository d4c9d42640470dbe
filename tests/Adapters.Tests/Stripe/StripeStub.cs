using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>
/// Stripe's API as far as the adapter uses it, on a loopback server: form-encoded requests in,
/// JSON out, each object built from Stripe's own published fixture (fixtures3.json). The test
/// PaymentMethod ids of Stripe's testing docs pick the outcome; a few <c>pm_stub_*</c> ids add
/// failures Stripe cannot be asked for (5xx, slowness). Idempotency keys replay the first answer.
/// </summary>
public sealed class StripeStub : IAsyncDisposable
{
    public const string ThreeDSecureUrl = "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=";

    private static readonly JsonObject Fixtures = SharedData.Json("stripe/fixtures3.json")["resources"]!.AsObject();

    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, long> _refunded = new();
    private readonly ConcurrentDictionary<string, Reply> _replies = new();
    private int _sequence;

    private StripeStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; private set; }

    /// <summary>How long <c>pm_stub_slow</c> takes to answer.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    public static async Task<StripeStub> StartAsync()
    {
        StripeStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new StripeStub(server);
        return stub;
    }

    /// <summary>The payer finished 3-D Secure: Stripe completes the payment by itself (automatic confirmation).</summary>
    public void CompleteAuthentication(string intentId, string status = "succeeded")
    {
        var intent = _intents[intentId];
        intent["status"] = status;
        intent["next_action"] = null;
    }

    public JsonObject Intent(string id) => _intents[id];

    public static JsonObject Fixture(string resource) => Fixtures[resource]!.DeepClone().AsObject();

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Reply Handle(RecordedRequest request)
    {
        if (request.Header("Idempotency-Key") is { } key && _replies.TryGetValue($"{request.Path}|{key}", out var replay))
        {
            return replay;
        }

        var reply = Route(request);
        if (request.Method == "POST" && request.Header("Idempotency-Key") is { } newKey)
        {
            _replies.TryAdd($"{request.Path}|{newKey}", reply);
        }

        return reply;
    }

    private Reply Route(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v1", "payment_intents"]) => CreateIntent(request.Form),
            ("GET", ["v1", "payment_intents", var id]) => _intents.TryGetValue(id, out var intent) ? Ok(intent) : Missing(id),
            ("POST", ["v1", "payment_intents", var id, "confirm"]) => ConfirmIntent(id),
            ("POST", ["v1", "refunds"]) => CreateRefund(request.Form),
            _ => new Reply(404, """{"error":{"type":"invalid_request_error","message":"Unrecognized request URL."}}"""),
        };
    }

    private Reply CreateIntent(IReadOnlyDictionary<string, string> form)
    {
        var id = $"pi_stub{Interlocked.Increment(ref _sequence):D4}";
        var intent = Fixture("payment_intent");
        intent["id"] = id;
        intent["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
        intent["currency"] = form["currency"];
        intent["payment_method"] = form["payment_method"];
        intent["description"] = form.GetValueOrDefault("description");
        intent["metadata"] = new JsonObject { ["recharge_id"] = form.GetValueOrDefault("metadata[recharge_id]") };
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        intent["canceled_at"] = null;
        _intents[id] = intent;

        switch (form["payment_method"])
        {
            case "pm_card_visa":
                return Succeed(intent);
            case "pm_card_authenticationRequired":
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = ThreeDSecureUrl + id, ["return_url"] = form["return_url"] },
                };
                return Ok(intent);
            case "pm_card_visa_chargeDeclined":
                return CardError(intent, "card_declined", "generic_decline");
            case "pm_card_visa_chargeDeclinedInsufficientFunds":
                return CardError(intent, "card_declined", "insufficient_funds");
            case "pm_card_visa_chargeDeclinedLostCard":
                return CardError(intent, "card_declined", "lost_card");
            case "pm_card_chargeDeclinedExpiredCard":
                return CardError(intent, "expired_card", declineCode: null);
            case "pm_stub_server_error":
                return new Reply(500, """{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""");
            case "pm_stub_slow":
                return Succeed(intent) with { Delay = SlowDelay };
            default:
                _intents.TryRemove(id, out _);
                return Error(400, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{form["payment_method"]}'", param: "payment_method");
        }
    }

    private Reply ConfirmIntent(string id) =>
        _intents.TryGetValue(id, out var intent) ? Succeed(intent) : Missing(id);

    private Reply CreateRefund(IReadOnlyDictionary<string, string> form)
    {
        if (!_intents.TryGetValue(form["payment_intent"], out var intent))
        {
            return Missing(form["payment_intent"]);
        }

        var amount = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
        var refunded = _refunded.GetValueOrDefault(intent["id"]!.GetValue<string>());
        if (refunded + amount > intent["amount_received"]!.GetValue<long>())
        {
            return new Reply(400, """{"error":{"type":"invalid_request_error","code":"amount_too_large","param":"amount","message":"Refund amount is greater than unrefunded amount on charge."}}""");
        }

        _refunded[intent["id"]!.GetValue<string>()] = refunded + amount;
        var refund = Fixture("refund");
        refund["id"] = $"re_stub{Interlocked.Increment(ref _sequence):D4}";
        refund["amount"] = amount;
        refund["currency"] = intent["currency"]!.GetValue<string>();
        refund["payment_intent"] = intent["id"]!.GetValue<string>();
        refund["status"] = amount == 1 ? "pending" : "succeeded";
        return Ok(refund);
    }

    private static Reply Succeed(JsonObject intent)
    {
        intent["status"] = "succeeded";
        intent["next_action"] = null;
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        return Ok(intent);
    }

    private static Reply CardError(JsonObject intent, string code, string? declineCode)
    {
        intent["status"] = "requires_payment_method";
        var error = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["message"] = "Your card was declined.",
        };
        intent["last_payment_error"] = error.DeepClone();
        error["payment_intent"] = intent.DeepClone();
        return new Reply(402, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private static Reply Ok(JsonObject body) => new(200, body.ToJsonString());

    private static Reply Missing(string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", param: "id");

    private static Reply Error(int status, string type, string code, string message, string param) => new(
        status,
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message } }.ToJsonString());
}
