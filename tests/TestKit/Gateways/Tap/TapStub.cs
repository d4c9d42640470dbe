using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Tap;

/// <summary>
/// Tap Payments' API v2 as far as the adapter uses it, on a loopback server, with the shapes of Tap's
/// public reference (docs/local-methods.md): bearer secret key, KNET charges answering with KNET's
/// page in <c>transaction.url</c>, <c>reference.idempotent</c> answering a repeated request with the
/// first charge or refund, and the webhook Tap would post (<see cref="Webhook"/>) with its
/// <c>hashstring</c>. A test moves a charge as the payer would (<see cref="Pay"/>, <see cref="Abandon"/>).
/// </summary>
public sealed class TapStub : IAsyncDisposable
{
    public const string SecretKey = "sk_test_stubXKokBfNWv6FIYuTMg5sLPjhJ";

    private readonly ConcurrentDictionary<string, JsonObject> _charges = new();
    private readonly ConcurrentDictionary<string, long> _refundedFils = new();
    private readonly ConcurrentDictionary<string, string> _byIdempotent = new();
    private readonly Lock _create = new();
    private int _sequence;

    private TapStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    /// <summary>How long the answer to a new charge takes, after it was made (a lost answer when longer than the client waits).</summary>
    public TimeSpan CreateDelay { get; set; }

    /// <summary>Answers a request instead of the stub's own behaviour when it returns a reply.</summary>
    public Func<RecordedRequest, Reply?>? Override { get; set; }

    /// <summary>Charges made, however often they were asked for.</summary>
    public int ChargesCreated => _charges.Count;

    public string OnlyChargeId => _charges.Keys.Single();

    public static async Task<TapStub> StartAsync()
    {
        TapStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new TapStub(server);
        return stub;
    }

    public JsonObject Charge(string id) => _charges[id];

    /// <summary>The payer entered their KNET card and paid.</summary>
    public void Pay(string id)
    {
        var charge = _charges[id];
        charge["status"] = "CAPTURED";
        charge["reference"]!["gateway"] = "123456789";
        charge["reference"]!["payment"] = "4712031234567890";
        charge["response"] = new JsonObject { ["code"] = "000", ["message"] = "Captured" };
    }

    /// <summary>The payer left KNET's page without paying.</summary>
    public void Abandon(string id)
    {
        _charges[id]["status"] = "ABANDONED";
        _charges[id]["response"] = new JsonObject { ["code"] = "001", ["message"] = "Abandoned" };
    }

    /// <summary>The webhook Tap posts about a charge: the charge itself, and its hashstring keyed by <paramref name="secretKey"/>.</summary>
    public (string Body, string HashString) Webhook(string id, string secretKey = SecretKey)
    {
        var charge = _charges[id];
        var amount = charge["amount"]!.GetValue<decimal>().ToString("F3", CultureInfo.InvariantCulture);
        var signed = $"x_id{id}x_amount{amount}x_currency{charge["currency"]}x_gateway_reference{charge["reference"]?["gateway"]}"
            + $"x_payment_reference{charge["reference"]?["payment"]}x_status{charge["status"]}x_created{charge["transaction"]!["created"]}";
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(signed)));
        return (charge.ToJsonString(), hash);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static Reply Error(int status, string code, string description) =>
        new(status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["description"] = description }) }.ToJsonString());

    private Reply Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        if (request.Header("Authorization") != "Bearer " + SecretKey)
        {
            return Error(401, "2107", "Invalid API key");
        }

        return (request.Method, request.Path.Trim('/').Split('/')) switch
        {
            ("POST", ["v2", "charges"]) => Create(JsonNode.Parse(request.BodyText)!.AsObject()),
            ("GET", ["v2", "charges", var id]) => _charges.TryGetValue(id, out var charge) ? new Reply(200, charge.ToJsonString()) : Error(404, "1109", "Charge not found"),
            ("POST", ["v2", "refunds"]) => Refund(JsonNode.Parse(request.BodyText)!.AsObject()),
            _ => Error(404, "404", "Not found"),
        };
    }

    private Reply Create(JsonObject body)
    {
        if (body["amount"] is not JsonValue amountValue || !amountValue.TryGetValue<decimal>(out var amount) || amount <= 0
            || body["currency"]?.GetValue<string>() != "KWD"
            || body["source"]?["id"]?.GetValue<string>() != "src_kw.knet"
            || body["redirect"]?["url"]?.GetValue<string>() is not { Length: > 0 } redirect
            || body["customer"]?["first_name"]?.GetValue<string>() is not { Length: > 0 })
        {
            return Error(400, "1108", "Invalid charge request: amount, currency KWD, source src_kw.knet, redirect.url and customer.first_name are required");
        }

        var idempotent = body["reference"]?["idempotent"]?.GetValue<string>();
        lock (_create)
        {
            if (idempotent is not null && _byIdempotent.TryGetValue(idempotent, out var existing))
            {
                return new Reply(200, _charges[existing].ToJsonString());
            }

            var n = Interlocked.Increment(ref _sequence);
            var id = $"chg_TS0{n:D4}A1320261201Hy5{n:D4}";
            var charge = new JsonObject
            {
                ["id"] = id,
                ["object"] = "charge",
                ["live_mode"] = false,
                ["api_version"] = "V2",
                ["method"] = "POST",
                ["status"] = "INITIATED",
                ["amount"] = amount,
                ["currency"] = "KWD",
                ["threeDSecure"] = true,
                ["customer_initiated"] = true,
                ["description"] = body["description"]?.GetValue<string>(),
                ["reference"] = new JsonObject
                {
                    ["transaction"] = body["reference"]?["transaction"]?.GetValue<string>(),
                    ["order"] = body["reference"]?["order"]?.GetValue<string>(),
                },
                ["response"] = new JsonObject { ["code"] = "100", ["message"] = "Initiated" },
                ["source"] = new JsonObject { ["object"] = "source", ["id"] = "src_kw.knet" },
                ["redirect"] = new JsonObject { ["status"] = "PENDING", ["url"] = redirect },
                ["transaction"] = new JsonObject
                {
                    ["timezone"] = "UTC+03:00",
                    ["created"] = (1764583200000L + n).ToString(CultureInfo.InvariantCulture),
                    ["url"] = $"https://sandbox.payments.tap.company/test_gosell/v2/payment/tap_process.aspx?chg={id}",
                    ["expiry"] = new JsonObject { ["period"] = 30, ["type"] = "MINUTE" },
                    ["asynchronous"] = false,
                    ["amount"] = amount,
                    ["currency"] = "KWD",
                },
                ["customer"] = new JsonObject { ["first_name"] = body["customer"]!["first_name"]!.GetValue<string>() },
            };
            _charges[id] = charge;
            if (idempotent is not null)
            {
                _byIdempotent[idempotent] = id;
            }

            return new Reply(200, charge.ToJsonString(), CreateDelay);
        }
    }

    private Reply Refund(JsonObject body)
    {
        if (body["charge_id"]?.GetValue<string>() is not { } chargeId || !_charges.TryGetValue(chargeId, out var charge))
        {
            return Error(404, "1109", "Charge not found");
        }

        if (body["reason"]?.GetValue<string>() is not { Length: > 0 } || body["currency"]?.GetValue<string>() != "KWD")
        {
            return Error(400, "1108", "charge_id, amount, currency and reason are required");
        }

        if (charge["status"]?.GetValue<string>() != "CAPTURED")
        {
            return Error(400, "1132", "Charge is not captured");
        }

        var idempotent = body["reference"]?["idempotent"]?.GetValue<string>();
        var key = idempotent is null ? null : "refund|" + idempotent;
        lock (_create)
        {
            if (key is not null && _byIdempotent.TryGetValue(key, out var made))
            {
                return new Reply(200, made);
            }

            var fils = (long)(body["amount"]!.GetValue<decimal>() * 1000);
            var total = (long)(charge["amount"]!.GetValue<decimal>() * 1000);
            if (_refundedFils.GetValueOrDefault(chargeId) + fils > total)
            {
                return Error(400, "1131", "Refund amount exceeds the refundable amount");
            }

            _refundedFils.AddOrUpdate(chargeId, fils, (_, before) => before + fils);
            var refund = new JsonObject
            {
                ["id"] = $"re_TS0{Interlocked.Increment(ref _sequence):D4}A2020261201",
                ["object"] = "refund",
                ["live_mode"] = false,
                ["status"] = "PENDING",
                ["amount"] = body["amount"]!.GetValue<decimal>(),
                ["currency"] = "KWD",
                ["charge_id"] = chargeId,
                ["reason"] = body["reason"]!.GetValue<string>(),
                ["reference"] = new JsonObject { ["merchant"] = body["reference"]?["merchant"]?.GetValue<string>() },
                ["response"] = new JsonObject { ["code"] = "100", ["message"] = "Refund is in progress" },
            }.ToJsonString();
            if (key is not null)
            {
                _byIdempotent[key] = refund;
            }

            return new Reply(200, refund);
        }
    }
}
