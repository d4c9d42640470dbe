using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>PayPal webhooks: verified by PayPal's verify-webhook-signature API, never trusted otherwise.</summary>
public sealed class PayPalWebhookTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 10, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private PayPalStub _paypal = null!;

    public async Task InitializeAsync() => _paypal = await PayPalStub.StartAsync();

    public async Task DisposeAsync() => await _paypal.DisposeAsync();

    [Fact]
    public async Task CaptureCompleted_VerifiedByPayPal_IsPaymentSucceededForTheOrder()
    {
        var body = Event("PAYMENT.CAPTURE.COMPLETED", "capture", Capture("3C6", "ORDER-1", "USD", "4.99"));

        var outcome = await Gateway().ParseWebhookAsync(Delivery(body, PayPalStub.GoodSignature), default);

        var succeeded = Assert.IsType<GatewayEvent.PaymentSucceeded>(Assert.IsType<WebhookOutcome.Verified>(outcome).Event);
        Assert.Equal(("WH-1", "ORDER-1", new Money("USD", 499)), (succeeded.EventId, succeeded.GatewayReference, succeeded.Amount));
        var sent = Assert.Single(_paypal.Server.RequestsTo("POST", "/v1/notifications/verify-webhook-signature")).BodyText;
        var verification = JsonNode.Parse(sent)!;
        Assert.Equal(PayPalStub.WebhookId, verification["webhook_id"]!.GetValue<string>());
        Assert.Equal("SHA256withRSA", verification["auth_algo"]!.GetValue<string>());
        Assert.Equal("2f0b5d30-d6f8-11f0-a5e7-1b6a6c3c4c4d", verification["transmission_id"]!.GetValue<string>());
        Assert.Contains("\"webhook_event\":" + Encoding.UTF8.GetString(body), sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_PayPalAnswersFailure_IsNotVerifiedButNamesTheOrderToLookUp()
    {
        var body = Event("PAYMENT.CAPTURE.COMPLETED", "capture", Capture("3C6", "ORDER-1", "USD", "4.99"));

        var outcome = await Gateway().ParseWebhookAsync(Delivery(body, "forged-signature"), default);

        var notVerified = Assert.IsType<WebhookOutcome.NotVerified>(outcome);
        Assert.Contains("FAILURE", notVerified.Reason, StringComparison.Ordinal);
        Assert.Equal("ORDER-1", notVerified.LookupHint);
    }

    [Fact]
    public async Task Event_VerificationUnavailable_IsNotVerified()
    {
        _paypal.Override = r => r.Path.StartsWith("/v1/notifications", StringComparison.Ordinal) ? new Reply(503) : null;
        var body = Event("PAYMENT.CAPTURE.COMPLETED", "capture", Capture("3C6", "ORDER-1", "USD", "4.99"));

        Assert.IsType<WebhookOutcome.NotVerified>(await Gateway().ParseWebhookAsync(Delivery(body, PayPalStub.GoodSignature), default));
    }

    [Fact]
    public async Task Event_StaleTransmissionTime_IsRefusedWithoutAskingPayPal()
    {
        var body = Event("PAYMENT.CAPTURE.COMPLETED", "capture", Capture("3C6", "ORDER-1", "USD", "4.99"));

        var outcome = await Gateway().ParseWebhookAsync(Delivery(body, PayPalStub.GoodSignature, sentAt: Now.AddMinutes(-6)), default);

        Assert.Contains("tolerance", Assert.IsType<WebhookOutcome.NotVerified>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(_paypal.Server.Requests);
    }

    [Fact]
    public async Task Event_WithoutTransmissionHeaders_IsRefusedWithoutAskingPayPal()
    {
        var body = Event("PAYMENT.CAPTURE.COMPLETED", "capture", Capture("3C6", "ORDER-1", "USD", "4.99"));

        var outcome = await Gateway().ParseWebhookAsync(new WebhookDelivery(body, new Dictionary<string, string>(), Now), default);

        Assert.IsType<WebhookOutcome.NotVerified>(outcome);
        Assert.Empty(_paypal.Server.Requests);
    }

    [Fact]
    public async Task Body_NotJson_IsNotVerified()
    {
        var outcome = await Gateway().ParseWebhookAsync(Delivery("<html>"u8.ToArray(), PayPalStub.GoodSignature), default);

        Assert.Equal(new WebhookOutcome.NotVerified("paypal: body is not a webhook event", null), outcome);
    }

    [Fact]
    public async Task CaptureRefunded_ResolvesTheOrderOfTheCaptureAndCarriesTheTotalRefunded()
    {
        var gateway = Gateway();
        var orderId = await PaidOrderAsync(gateway);
        var captureId = _paypal.CaptureOf(orderId);
        var refund = new JsonObject
        {
            ["id"] = "1JU0890278",
            ["status"] = "COMPLETED",
            ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "1.00" },
            ["seller_payable_breakdown"] = new JsonObject { ["total_refunded_amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "3.00" } },
            ["links"] = new JsonArray(new JsonObject { ["href"] = $"https://api.paypal.com/v2/payments/captures/{captureId}", ["rel"] = "up", ["method"] = "GET" }),
        };

        var outcome = await gateway.ParseWebhookAsync(Delivery(Event("PAYMENT.CAPTURE.REFUNDED", "refund", refund), PayPalStub.GoodSignature), default);

        Assert.Equal(
            new GatewayEvent.Refunded("WH-1", orderId, Now.AddMinutes(-1), new Money("USD", 300), "1JU0890278"),
            Assert.IsType<WebhookOutcome.Verified>(outcome).Event);
    }

    [Theory]
    [InlineData("CUSTOMER.DISPUTE.CREATED", null, typeof(GatewayEvent.DisputeOpened))]
    [InlineData("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED_SELLER_FAVOUR", typeof(GatewayEvent.DisputeWon))]
    [InlineData("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED_BUYER_FAVOUR", typeof(GatewayEvent.DisputeLost))]
    public async Task Dispute_ResolvesTheOrderOfTheDisputedCapture(string eventType, string? outcomeCode, Type expected)
    {
        var gateway = Gateway();
        var orderId = await PaidOrderAsync(gateway);
        var dispute = new JsonObject
        {
            ["dispute_id"] = "PP-000-042-663-135",
            ["disputed_transactions"] = new JsonArray(new JsonObject { ["seller_transaction_id"] = _paypal.CaptureOf(orderId) }),
            ["dispute_amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "4.99" },
            ["dispute_outcome"] = outcomeCode is null ? null : new JsonObject { ["outcome_code"] = outcomeCode },
            ["status"] = outcomeCode is null ? "OPEN" : "RESOLVED",
        };

        var outcome = await gateway.ParseWebhookAsync(Delivery(Event(eventType, "dispute", dispute), PayPalStub.GoodSignature), default);

        var domainEvent = Assert.IsType<WebhookOutcome.Verified>(outcome).Event;
        Assert.IsType(expected, domainEvent);
        Assert.Equal(orderId, domainEvent.GatewayReference);
    }

    [Fact]
    public async Task OtherEvent_Verified_IsIgnored()
    {
        var body = Event("CHECKOUT.ORDER.APPROVED", "checkout-order", new JsonObject { ["id"] = "ORDER-1" });

        Assert.Equal(new WebhookOutcome.Ignored("WH-1", "CHECKOUT.ORDER.APPROVED"),
            await Gateway().ParseWebhookAsync(Delivery(body, PayPalStub.GoodSignature), default));
    }

    private async Task<string> PaidOrderAsync(PayPalGateway gateway)
    {
        var payer = new PayPalInstrument(new Uri("https://app.example.com/r"), new Uri("https://app.example.com/c"));
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(new GatewayRequest("pay", new Money("USD", 499), "US", payer, "rch_1", "100 coins"), default));
        _paypal.Approve(action.GatewayReference);
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(new GatewayConfirmation("confirm", action.GatewayReference), default));
        return action.GatewayReference;
    }

    private PayPalGateway Gateway() => new(
        new HttpClient(),
        new PayPalOptions { ClientId = PayPalStub.ClientId, ClientSecret = PayPalStub.ClientSecret, WebhookId = PayPalStub.WebhookId, ApiBase = _paypal.Server.BaseAddress },
        _time);

    internal static JsonObject Capture(string id, string orderId, string currency, string value) => new()
    {
        ["id"] = id,
        ["status"] = "COMPLETED",
        ["amount"] = new JsonObject { ["currency_code"] = currency, ["value"] = value },
        ["final_capture"] = true,
        ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = orderId } },
    };

    /// <summary>A webhook event (the notifications spec's <c>event</c>), serialized with a deliberate odd spacing that must survive verification byte for byte.</summary>
    internal static byte[] Event(string eventType, string resourceType, JsonObject resource) => Encoding.UTF8.GetBytes(
        "{\"id\":\"WH-1\",  \"create_time\":\"2026-01-01T10:09:00Z\",\"resource_type\":\"" + resourceType + "\",\"event_type\":\"" + eventType
        + "\",\"summary\":\"s\",\"event_version\":\"1.0\",\"resource_version\":\"2.0\",\"resource\":" + resource.ToJsonString() + "}");

    private static WebhookDelivery Delivery(byte[] body, string signature, DateTimeOffset? sentAt = null) => new(
        body,
        new Dictionary<string, string>
        {
            ["paypal-auth-algo"] = "SHA256withRSA",
            ["paypal-cert-url"] = "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
            ["paypal-transmission-id"] = "2f0b5d30-d6f8-11f0-a5e7-1b6a6c3c4c4d",
            ["paypal-transmission-sig"] = signature,
            ["paypal-transmission-time"] = (sentAt ?? Now.AddSeconds(-5)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        },
        Now);
}
