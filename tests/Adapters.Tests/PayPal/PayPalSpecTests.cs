using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>
/// Every body the adapter sends and every shape it reads, held against PayPal's published OpenAPI
/// specs (shared/data/paypal): the requests as they went over the wire, the wire types' property
/// names, and the enum values and issue codes the mapping relies on.
/// </summary>
public sealed class PayPalSpecTests : IAsyncLifetime
{
    private PayPalStub _paypal = null!;

    public async Task InitializeAsync() => _paypal = await PayPalStub.StartAsync();

    public async Task DisposeAsync() => await _paypal.DisposeAsync();

    [Fact]
    public async Task EveryRequestAndResponseOfAFullPayment_ConformsToTheSpecs()
    {
        var gateway = new PayPalGateway(
            new HttpClient(),
            new PayPalOptions { ClientId = PayPalStub.ClientId, ClientSecret = PayPalStub.ClientSecret, WebhookId = PayPalStub.WebhookId, ApiBase = _paypal.Server.BaseAddress },
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 10, 0, TimeSpan.Zero)));
        var payer = new PayPalInstrument(new Uri("https://app.example.com/r"), new Uri("https://app.example.com/c"));
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(new GatewayRequest("k1", new Money("JPY", 800), "JP", payer, "rch_1", "500 coins"), default));
        _paypal.Approve(action.GatewayReference);
        await gateway.ConfirmAsync(new GatewayConfirmation("k2", action.GatewayReference), default);
        await gateway.RefundAsync(new GatewayRefund("k3", action.GatewayReference, new Money("JPY", 300), "rch_1"), default);
        var webhook = PayPalWebhookTests.Event("PAYMENT.CAPTURE.COMPLETED", "capture", PayPalWebhookTests.Capture("3C6", action.GatewayReference, "JPY", "800"));
        await gateway.ParseWebhookAsync(new WebhookDelivery(webhook, new Dictionary<string, string>
        {
            ["PAYPAL-AUTH-ALGO"] = "SHA256withRSA",
            ["PAYPAL-CERT-URL"] = "https://api.paypal.com/v1/notifications/certs/CERT-1",
            ["PAYPAL-TRANSMISSION-ID"] = "t1",
            ["PAYPAL-TRANSMISSION-SIG"] = PayPalStub.GoodSignature,
            ["PAYPAL-TRANSMISSION-TIME"] = "2026-01-01T10:09:58Z",
        }, new DateTimeOffset(2026, 1, 1, 10, 10, 0, TimeSpan.Zero)), default);

        var checks = new List<(OpenApiSpec Spec, string Schema, string Json)>();
        foreach (var request in _paypal.Server.Requests.Where(r => r.Method == "POST" && r.Path != "/v1/oauth2/token"))
        {
            var schema = request.Path switch
            {
                "/v2/checkout/orders" => (OpenApiSpec.CheckoutOrders, "order_request"),
                var p when p.EndsWith("/capture", StringComparison.Ordinal) => (OpenApiSpec.CheckoutOrders, "order_capture_request"),
                var p when p.EndsWith("/refund", StringComparison.Ordinal) => (OpenApiSpec.Payments, "refund_request"),
                "/v1/notifications/verify-webhook-signature" => (OpenApiSpec.Notifications, "verify_webhook_signature"),
                var p => throw new InvalidOperationException("Unexpected request to " + p),
            };
            checks.Add((schema.Item1, schema.Item2, request.BodyText));
        }

        Assert.Equal(4, checks.Count);
        foreach (var (spec, schema, json) in checks)
        {
            Assert.Empty(spec.Violations(JsonNode.Parse(json), schema));
        }
    }

    [Fact]
    public async Task TheStubsAnswers_ConformToTheSpecs()
    {
        var gateway = new PayPalGateway(
            new HttpClient(),
            new PayPalOptions { ClientId = PayPalStub.ClientId, ClientSecret = PayPalStub.ClientSecret, WebhookId = PayPalStub.WebhookId, ApiBase = _paypal.Server.BaseAddress },
            TimeProvider.System);
        var payer = new PayPalInstrument(new Uri("https://app.example.com/r"), new Uri("https://app.example.com/c"));
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(new GatewayRequest("k1", new Money("USD", 499), "US", payer, "rch_1", "100 coins"), default));
        _paypal.Approve(action.GatewayReference);
        await gateway.ConfirmAsync(new GatewayConfirmation("k2", action.GatewayReference), default);
        var captureId = _paypal.CaptureOf(action.GatewayReference);

        Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(_paypal.Order(action.GatewayReference), "order"));
        Assert.Empty(OpenApiSpec.Payments.Violations(_paypal.CaptureResource(action.GatewayReference, captureId), "capture-2"));
        Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(
            JsonNode.Parse(PayPalStub.Unprocessable("INSTRUMENT_DECLINED").Json!), "error_422"));
    }

    public static TheoryData<Type, string, string> WireTypes() => new()
    {
        { typeof(PayPalOrderRequest), "checkout", "order_request" },
        { typeof(PayPalPurchaseUnitRequest), "checkout", "purchase_unit_request" },
        { typeof(PayPalPaymentSource), "checkout", "payment_source" },
        { typeof(PayPalWallet), "checkout", "paypal_wallet" },
        { typeof(PayPalExperienceContext), "checkout", "paypal_wallet_experience_context" },
        { typeof(PayPalMoney), "checkout", "money" },
        { typeof(PayPalLink), "checkout", "link_description" },
        { typeof(PayPalOrder), "checkout", "order" },
        { typeof(PayPalPurchaseUnit), "checkout", "purchase_unit" },
        { typeof(PayPalPaymentCollection), "checkout", "payment_collection" },
        { typeof(PayPalCapture), "payments", "capture-2" },
        { typeof(PayPalStatusDetails), "payments", "capture_status_details" },
        { typeof(PayPalSupplementaryData), "payments", "supplementary_data" },
        { typeof(PayPalRelatedIds), "payments", "related_ids" },
        { typeof(PayPalRefundRequest), "payments", "refund_request" },
        { typeof(PayPalRefund), "payments", "refund" },
        { typeof(PayPalErrorDetail), "payments", "error_details" },
        { typeof(PayPalError), "payments", "error_422" },
        { typeof(PayPalVerification), "notifications", "verify_webhook_signature_response" },
        { typeof(PayPalEvent), "notifications", "event" },
    };

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void WireType_PropertyNames_AreThoseOfItsSchema(Type wireType, string spec, string schema)
    {
        var names = wireType.GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet();
        var specification = Spec(spec);

        Assert.NotEmpty(names);
        Assert.Subset(specification.Properties(schema).ToHashSet(), names);
        if (wireType.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            Assert.Subset(names, specification.Required(schema).ToHashSet());
        }
    }

    [Fact]
    public void Checker_BodyThatBreaksTheSpec_ReportsEachViolation()
    {
        var broken = new JsonObject
        {
            ["purchase_units"] = new JsonArray(new JsonObject { ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "4,99" } }),
            ["colour"] = "blue",
        };

        var violations = OpenApiSpec.CheckoutOrders.Violations(broken, "order_request");

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("'intent'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'colour'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("4,99", StringComparison.Ordinal));
    }

    [Fact]
    public void RefundBreakdown_TotalRefundedAmount_IsInTheRefundSchema()
    {
        var json = new JsonObject
        {
            ["id"] = "R1",
            ["seller_payable_breakdown"] = new JsonObject { ["total_refunded_amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "1.00" } },
        };

        Assert.Empty(OpenApiSpec.Payments.Violations(json, "refund"));
    }

    [Fact]
    public void EnumValuesTheAdapterSendsOrReads_AreInTheSpecs()
    {
        Assert.Contains("CAPTURE", OpenApiSpec.CheckoutOrders.Enum("checkout_payment_intent"));
        Assert.Contains("PAY_NOW", OpenApiSpec.CheckoutOrders.Enum("paypal_wallet_experience_context", "user_action"));
        Assert.Contains("NO_SHIPPING", OpenApiSpec.CheckoutOrders.Enum("paypal_wallet_experience_context", "shipping_preference"));
        Assert.Subset(OpenApiSpec.CheckoutOrders.Enum("order_status").ToHashSet(), new HashSet<string> { "CREATED", "PAYER_ACTION_REQUIRED", "APPROVED", "COMPLETED", "VOIDED" });
        Assert.Subset(OpenApiSpec.Payments.Enum("capture_status", "status").ToHashSet(), new HashSet<string> { "COMPLETED", "DECLINED", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "FAILED" });
        Assert.Subset(OpenApiSpec.Payments.Enum("refund_status", "status").ToHashSet(), new HashSet<string> { "CANCELLED", "FAILED", "PENDING", "COMPLETED" });
        Assert.Subset(OpenApiSpec.Notifications.Enum("verify_webhook_signature_response", "verification_status").ToHashSet(), new HashSet<string> { "SUCCESS", "FAILURE" });
    }

    [Fact]
    public void IssueCodesTheMappingNames_AreInTheSpecsErrorCatalogues()
    {
        var captureIssues = OpenApiSpec.CheckoutOrders.Issues("orders.capture-422");
        Assert.Subset(captureIssues.ToHashSet(), PayPalMapping.DeclineIssues.ToHashSet());
        Assert.Contains("ORDER_ALREADY_CAPTURED", captureIssues);
        Assert.Subset(OpenApiSpec.Payments.Issues("captures.refund-422").ToHashSet(), PayPalMapping.RefundIssues.Keys.ToHashSet());
    }

    [Theory]
    [InlineData("USD", 1)]
    [InlineData("USD", 100)]
    [InlineData("JPY", 1)]
    [InlineData("HUF", 100)]
    [InlineData("EUR", 999_999_999_999_999)]
    public void FormattedAmounts_MatchTheMoneyValuePattern(string currency, long minorUnits)
    {
        Assert.True(PayPalCurrencyRules.TryFormat(new Money(currency, minorUnits), out var value, out _));

        var money = new JsonObject { ["currency_code"] = currency, ["value"] = value };
        Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(money, "money"));
        Assert.Equal(new Money(currency, minorUnits), PayPalCurrencyRules.Parse(currency, value));
    }

    [Theory]
    [InlineData("USD", "4.999")]
    [InlineData("JPY", "800.5")]
    [InlineData("USD", "-1.00")]
    [InlineData("USD", "1e3")]
    [InlineData("USD", "")]
    [InlineData("USD", "99999999999999999999")]
    [InlineData("XYZ", "1.00")]
    public void Parse_ValueNotExactlyRepresentable_IsNull(string currency, string value)
    {
        Assert.Null(PayPalCurrencyRules.Parse(currency, value));
    }

    [Theory]
    [InlineData("USD", ".5", 50)]
    [InlineData("USD", "10.5", 1050)]
    [InlineData("HUF", "1500", 150000)]
    [InlineData("JPY", "800", 800)]
    public void Parse_SpecShapedValue_IsExactMinorUnits(string currency, string value, long minorUnits)
    {
        Assert.Equal(new Money(currency, minorUnits), PayPalCurrencyRules.Parse(currency, value));
    }

    private static OpenApiSpec Spec(string name) => name switch
    {
        "checkout" => OpenApiSpec.CheckoutOrders,
        "payments" => OpenApiSpec.Payments,
        _ => OpenApiSpec.Notifications,
    };
}
