using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// A mobile operator's CAMARA Carrier Billing v0.5 and Refund v0.3 APIs on a loopback server, as the
/// specs and their .feature scenarios describe them: OAuth 2.0 client credentials, two-step
/// payments with an SMS code (<see cref="Code"/>, <see cref="AttemptsAllowed"/> tries), one-step
/// payments, cancel, retrieval, refunds within the remaining amount, duplicate
/// <c>clientCorrelator</c>s refused. Every API request is held against the OpenAPI spec it belongs
/// to; what breaks it is in <see cref="SpecViolations"/>. <see cref="Override"/> lets a test answer
/// a request its own way.
/// </summary>
public sealed class CarrierBillingStub : IAsyncDisposable
{
    public const string ClientId = "merchant-client";
    public const string ClientSecret = "merchant-secret";
    public const string TokenPath = "/oauth2/token";
    public const string Code = "123456";
    public const string PaymentsBase = "/carrier-billing/v0.5";
    public const string RefundsBase = "/carrier-billing-refund/v0.3";

    private const string RefundedAmount = "stub:refundedAmount";

    private readonly ConcurrentDictionary<string, Payment> _payments = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Lock _lock = new();
    private int _sequence;
    private int _tokenRequests;

    private CarrierBillingStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    public int TokenRequests => _tokenRequests;

    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>What prepare asks of the user: <c>validate</c> (a code by SMS), <c>open</c> (a page) or nothing (reserved at once).</summary>
    public string? ValidationAction { get; set; } = "validate";

    /// <summary>How many codes a user may type for one payment.</summary>
    public int AttemptsAllowed { get; set; } = 3;

    /// <summary>Answer payments (prepare, create) as <c>processing</c>, settling later.</summary>
    public bool Asynchronous { get; set; }

    /// <summary>Refunds answer <c>processing</c>.</summary>
    public bool AsynchronousRefunds { get; set; }

    /// <summary>Phone numbers the operator refuses, with the HTTP status and code it answers.</summary>
    public ConcurrentDictionary<string, (int Status, string Code)> Refusals { get; } = new();

    /// <summary>How long to hold a request's answer after acting on it (longer than the client waits: a lost answer).</summary>
    public Func<RecordedRequest, TimeSpan>? Slow { get; set; }

    /// <summary>Answers a request instead of the stub's own behaviour when it returns a reply.</summary>
    public Func<RecordedRequest, Reply?>? Override { get; set; }

    /// <summary>Every way the requests so far broke carrier-billing.yaml or carrier-billing-refund.yaml.</summary>
    public IReadOnlyList<string> SpecViolations => [.. _violations];

    /// <summary>The operations the requests so far called, by their operationId.</summary>
    public ConcurrentQueue<string> Operations { get; } = new();

    public static async Task<CarrierBillingStub> StartAsync()
    {
        CarrierBillingStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new CarrierBillingStub(server);
        return stub;
    }

    public Uri TokenUrl => new(Server.BaseAddress, TokenPath.TrimStart('/'));

    /// <summary>The operator forgets every token it issued, as when one expires early.</summary>
    public void RevokeTokens() => _validTokens.Clear();

    /// <summary>The payment as <c>GET /payments/{id}</c> shows it.</summary>
    public JsonObject PaymentResource(string paymentId) => _payments[paymentId].Resource();

    public string StatusOf(string paymentId) => _payments[paymentId].Status;

    /// <summary>How many payments the operator holds, whatever their status.</summary>
    public int PaymentCount => _payments.Count;

    public IReadOnlyList<JsonObject> RefundsOf(string paymentId) => [.. _payments[paymentId].Refunds.Select(Shown)];

    /// <summary>The operator settles an asynchronous payment or refund.</summary>
    public void Settle(string paymentId, string status)
    {
        lock (_lock)
        {
            _payments[paymentId].Status = status;
            foreach (var refund in _payments[paymentId].Refunds.Where(r => r["refundStatus"]!.GetValue<string>() == "processing"))
            {
                refund["refundStatus"] = status == "denied" ? "denied" : "succeeded";
            }
        }
    }

    /// <summary>A CloudEvent as the operator posts it to the sink.</summary>
    public static byte[] Notification(string type, string paymentId, string? refundId = null, string status = "succeeded")
    {
        var data = new JsonObject { ["paymentId"] = paymentId, ["status"] = status, ["description"] = "Payment Notification" };
        if (refundId is not null)
        {
            data["refundId"] = refundId;
        }

        if (type.EndsWith("-completed", StringComparison.Ordinal))
        {
            data[refundId is null ? "paymentDate" : "refundDate"] = "2026-01-01T10:00:00Z";
        }

        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "https://notifications.operator.example",
            ["type"] = type,
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/json",
            ["time"] = "2026-01-01T10:00:00Z",
            ["data"] = data,
        }.ToJsonString());
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Reply Handle(RecordedRequest request)
    {
        if (request.Path == TokenPath)
        {
            return IssueToken(request);
        }

        var spec = request.Path.StartsWith(RefundsBase + "/", StringComparison.Ordinal) ? OpenApiSpec.CarrierBillingRefund : OpenApiSpec.CarrierBilling;
        var (violations, operation) = spec.RequestViolations(request.Method, request.Path, request.Query, request.Headers, request.BodyText);
        foreach (var violation in violations)
        {
            _violations.Enqueue(violation);
        }

        Operations.Enqueue(operation ?? request.Path);
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        if (request.Header("Authorization") is not { } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_validTokens.ContainsKey(auth[7..]))
        {
            return Error(401, "UNAUTHENTICATED", "Request not authenticated due to missing, invalid, or expired credentials.");
        }

        return Act(request, operation) with { Delay = Slow?.Invoke(request) ?? TimeSpan.Zero };
    }

    private Reply Act(RecordedRequest request, string? operation)
    {
        lock (_lock)
        {
            return operation switch
            {
                "preparePayment" => NewPayment(Body(request), twoStep: true),
                "createPayment" => NewPayment(Body(request), twoStep: false),
                "retrievePayment" => Known(request, p => new Reply(200, p.Resource().ToJsonString())),
                "retrievePayments" => List(request),
                "validatePayment" => Known(request, p => Validate(p, Body(request))),
                "confirmPayment" => Known(request, p => Confirm(p, Body(request))),
                "cancelPayment" => Known(request, p => Cancel(p, Body(request))),
                "createRefund" => Known(request, p => Refund(p, Body(request))),
                "retrieveRefunds" => Known(request, p => new Reply(200, new JsonArray([.. p.Refunds.Select(Shown)]).ToJsonString())),
                "retrievePaymentRemainingAmount" => Known(request, p => new Reply(200, new JsonObject
                {
                    ["amount"] = p.Remaining(),
                    ["currency"] = p.Currency,
                }.ToJsonString())),
                _ => Error(404, "NOT_FOUND", "The specified resource is not found."),
            };
        }
    }

    private Reply IssueToken(RecordedRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (request.Header("Authorization") != expected || request.Form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return new Reply(401, """{"error":"invalid_client"}""");
        }

        var token = $"cb-token-{Interlocked.Increment(ref _sequence)}";
        _validTokens[token] = true;
        return new Reply(200, new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = TokenLifetimeSeconds }.ToJsonString());
    }

    private Reply NewPayment(JsonObject body, bool twoStep)
    {
        var transaction = body["amountTransaction"]!.AsObject();
        var phone = transaction["phoneNumber"]?.GetValue<string>();
        if (phone is not null && Refusals.TryGetValue(phone, out var refusal))
        {
            return Error(refusal.Status, refusal.Code, "Refused for this phone number.");
        }

        var correlator = transaction["clientCorrelator"]?.GetValue<string>();
        if (correlator is not null && _payments.Values.Any(p => p.Correlator == correlator))
        {
            return Error(400, "INVALID_ARGUMENT", "clientCorrelator already exist on server.");
        }

        if (_payments.Values.Any(p => p.ReferenceCode == transaction["referenceCode"]!.GetValue<string>()))
        {
            return Error(409, "ALREADY_EXISTS", "The resource that a client tried to create already exists.");
        }

        var id = $"pay-{Interlocked.Increment(ref _sequence):D6}";
        var payment = new Payment(id, transaction.DeepClone().AsObject(), body["sink"]?.GetValue<string>())
        {
            AttemptsLeft = AttemptsAllowed,
            Status = (twoStep, ValidationAction, Asynchronous) switch
            {
                (_, _, true) => "processing",
                (false, _, false) => "succeeded",
                (true, null, false) => "reserved",
                _ => "pending_validation",
            },
        };
        _payments[id] = payment;
        var answer = payment.Resource();
        if (twoStep && ValidationAction is { } action)
        {
            payment.AuthorizationId = $"auth-{id}";
            answer["validationInfo"] = action == "validate"
                ? new JsonObject { ["action"] = "validate", ["authorizationId"] = payment.AuthorizationId }
                : new JsonObject { ["action"] = "open", ["validationURL"] = $"https://operator.example/validate/{id}" };
        }

        return new Reply(201, answer.ToJsonString());
    }

    private Reply List(RecordedRequest request)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query);
        var page = int.Parse(query.GetValueOrDefault("page", "1")!, CultureInfo.InvariantCulture);
        var perPage = int.Parse(query.GetValueOrDefault("perPage", "10")!, CultureInfo.InvariantCulture);
        var newestFirst = _payments.Values.OrderByDescending(p => p.Id, StringComparer.Ordinal).Skip((page - 1) * perPage).Take(perPage);
        return new Reply(200, new JsonArray([.. newestFirst.Select(p => p.Resource())]).ToJsonString());
    }

    private Reply Validate(Payment payment, JsonObject body)
    {
        if (payment.Status != "pending_validation")
        {
            return payment.Status == "reserved" ? Error(409, "ALREADY_EXISTS", "Payment already validated") : Error(400, "CARRIER_BILLING.VALIDATION_FAILED", "The validation failed.");
        }

        if (body["authorizationId"]?.GetValue<string>() != payment.AuthorizationId)
        {
            return Error(400, "CARRIER_BILLING.INVALID_AUTHORIZATION_ID", "Invalid authorizationId.");
        }

        if (body["code"]?.GetValue<string>() == Code)
        {
            payment.Status = "reserved";
            return new Reply(204);
        }

        if (--payment.AttemptsLeft > 0)
        {
            return Error(400, "CARRIER_BILLING.INVALID_CODE", "Invalid code.");
        }

        payment.Status = "denied";
        return Error(400, "CARRIER_BILLING.VALIDATION_FAILED", "the maximum number of attempts have been consumed for this validation.");
    }

    private static Reply Confirm(Payment payment, JsonObject body)
    {
        if (body["phoneNumber"]?.GetValue<string>() != payment.Phone)
        {
            return Error(404, "IDENTIFIER_NOT_FOUND", "phoneNumber not found.");
        }

        switch (payment.Status)
        {
            case "reserved":
                payment.Status = "succeeded";
                payment.PaidAt = DateTimeOffset.UtcNow;
                return new Reply(202);
            case "succeeded":
                return Error(409, "CARRIER_BILLING.PAYMENT_CONFIRMED", "Payment has been confirmed.");
            case "cancelled":
                return Error(409, "CARRIER_BILLING.PAYMENT_CANCELLED", "Payment has been cancelled.");
            default:
                return Error(403, "CARRIER_BILLING.PAYMENT_DENIED", "Payment denied by business.");
        }
    }

    private static Reply Cancel(Payment payment, JsonObject body)
    {
        if (body["phoneNumber"]?.GetValue<string>() != payment.Phone)
        {
            return Error(404, "IDENTIFIER_NOT_FOUND", "phoneNumber not found.");
        }

        switch (payment.Status)
        {
            case "succeeded":
                return Error(409, "CARRIER_BILLING.PAYMENT_CONFIRMED", "Payment has been confirmed.");
            case "cancelled":
                return Error(409, "CARRIER_BILLING.PAYMENT_CANCELLED", "Payment has been cancelled.");
            default:
                payment.Status = "cancelled";
                return new Reply(202);
        }
    }

    private Reply Refund(Payment payment, JsonObject body)
    {
        if (payment.Status != "succeeded")
        {
            return Error(422, "CARRIER_BILLING_REFUND.INVALID_PAYMENT_STATUS", "Payment is not yet completed.");
        }

        if (Refusals.TryGetValue(payment.Phone, out var refusal) && refusal.Code.StartsWith("CARRIER_BILLING_REFUND.", StringComparison.Ordinal))
        {
            return Error(refusal.Status, refusal.Code, "Refund refused.");
        }

        var transaction = body["amountTransaction"]!.AsObject();
        var correlator = transaction["clientCorrelator"]?.GetValue<string>();
        if (correlator is not null && payment.Refunds.Any(r => r["amountTransaction"]?["clientCorrelator"]?.GetValue<string>() == correlator))
        {
            return Error(400, "INVALID_ARGUMENT", "clientCorrelator already exist on server.");
        }

        var type = body["type"]!.GetValue<string>();
        var charged = transaction["refundAmount"]?["chargingInformation"];
        if (charged?["isTaxIncluded"] is { } taxFlag && taxFlag.GetValue<bool>() != payment.TaxIncluded)
        {
            return Error(422, "CARRIER_BILLING_REFUND.TAXES_MANAGEMENT_MISMATCH", "Inconsistent isTaxIncluded value with regards to related payment.");
        }

        var amount = type == "total" ? payment.Remaining() : charged!["amount"]!.GetValue<decimal>();
        if ((type == "total" && payment.Remaining() != payment.Amount) || amount > payment.Remaining())
        {
            return Error(422, "CARRIER_BILLING_REFUND.UNAUTHORIZED_AMOUNT", "Unauthorized amount requested.");
        }

        var refund = new JsonObject
        {
            ["refundId"] = $"ref-{Interlocked.Increment(ref _sequence):D6}",
            ["refundStatus"] = AsynchronousRefunds ? "processing" : "succeeded",
            ["type"] = type,
            ["refundCreationDate"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["amountTransaction"] = transaction.DeepClone(),
        };
        refund[RefundedAmount] = amount;
        payment.Refunds.Add(refund);
        return new Reply(201, Shown(refund).ToJsonString());
    }

    /// <summary>A refund as the API shows it, without the stub's bookkeeping.</summary>
    private static JsonObject Shown(JsonObject refund)
    {
        var shown = refund.DeepClone().AsObject();
        shown.Remove(RefundedAmount);
        return shown;
    }

    private Reply Known(RecordedRequest request, Func<Payment, Reply> act) =>
        _payments.TryGetValue(Uri.UnescapeDataString(request.Path.Split('/')[4]), out var payment)
            ? act(payment)
            : Error(404, "NOT_FOUND", "The specified resource is not found.");

    private static JsonObject Body(RecordedRequest request) => JsonNode.Parse(request.BodyText)!.AsObject();

    public static Reply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["status"] = status, ["code"] = code, ["message"] = message }.ToJsonString());

    /// <summary>One payment as the operator keeps it.</summary>
    private sealed class Payment(string id, JsonObject transaction, string? sink)
    {
        public string Id { get; } = id;

        public string Status { get; set; } = "processing";

        public string? AuthorizationId { get; set; }

        public int AttemptsLeft { get; set; }

        public DateTimeOffset? PaidAt { get; set; }

        public List<JsonObject> Refunds { get; } = [];

        public string Phone => transaction["phoneNumber"]!.GetValue<string>();

        public string? Correlator => transaction["clientCorrelator"]?.GetValue<string>();

        public string ReferenceCode => transaction["referenceCode"]!.GetValue<string>();

        public decimal Amount => Charged["amount"]!.GetValue<decimal>();

        public string Currency => Charged["currency"]!.GetValue<string>();

        public bool TaxIncluded => Charged["isTaxIncluded"]?.GetValue<bool>() ?? false;

        private JsonNode Charged => transaction["paymentAmount"]!["chargingInformation"]!;

        /// <summary>What is not refunded yet; a refund still processing counts as refunded (the spec's Case_2).</summary>
        public decimal Remaining() =>
            Amount - Refunds.Where(r => r["refundStatus"]!.GetValue<string>() != "denied").Sum(r => r[RefundedAmount]!.GetValue<decimal>());

        public JsonObject Resource()
        {
            var resource = new JsonObject
            {
                ["paymentId"] = Id,
                ["amountTransaction"] = transaction.DeepClone(),
                ["paymentStatus"] = Status,
                ["paymentCreationDate"] = "2026-01-01T10:00:00Z",
            };
            if (PaidAt is { } paid)
            {
                resource["paymentDate"] = paid.ToString("O", CultureInfo.InvariantCulture);
            }

            if (sink is not null)
            {
                resource["sink"] = sink;
            }

            return resource;
        }
    }
}
