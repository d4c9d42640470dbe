using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>The PayPal adapter's typed HttpClient against a loopback server speaking PayPal's REST API.</summary>
public sealed class PayPalGatewayTests : IAsyncLifetime
{
    private static readonly PayPalInstrument Payer = new(new Uri("https://app.example.com/paypal/return"), new Uri("https://app.example.com/paypal/cancel"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private PayPalStub _paypal = null!;

    public async Task InitializeAsync() => _paypal = await PayPalStub.StartAsync();

    public async Task DisposeAsync() => await _paypal.DisposeAsync();

    [Fact]
    public async Task Charge_CreatesCaptureOrderAndAnswersWithTheApprovalLink()
    {
        var outcome = await Gateway().ChargeAsync(Charge(new Money("USD", 499)), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(new Uri($"https://www.sandbox.paypal.com/checkoutnow?token={action.GatewayReference}"), action.RedirectUrl);
        var request = Assert.Single(_paypal.Server.RequestsTo("POST", "/v2/checkout/orders"));
        Assert.Equal("rch_1:charge", request.Header("PayPal-Request-Id"));
        Assert.Equal("return=representation", request.Header("Prefer"));
        Assert.StartsWith("Bearer A21AA-token-", request.Header("Authorization"), StringComparison.Ordinal);
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("CAPTURE", body["intent"]!.GetValue<string>());
        var unit = body["purchase_units"]![0]!;
        Assert.Equal("USD", unit["amount"]!["currency_code"]!.GetValue<string>());
        Assert.Equal("4.99", unit["amount"]!["value"]!.GetValue<string>());
        Assert.Equal("rch_1", unit["custom_id"]!.GetValue<string>());
        var context = body["payment_source"]!["paypal"]!["experience_context"]!;
        Assert.Equal(Payer.ReturnUrl.AbsoluteUri, context["return_url"]!.GetValue<string>());
        Assert.Equal(Payer.CancelUrl.AbsoluteUri, context["cancel_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Confirm_AfterApproval_CapturesOnceWithTheConfirmationRequestId()
    {
        var gateway = Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(new Money("EUR", 1299)), default));
        _paypal.Approve(action.GatewayReference);

        var first = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);
        var again = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), first);
        Assert.Equal(first, again);
        var capture = Assert.Single(_paypal.Server.RequestsTo("POST", $"/v2/checkout/orders/{action.GatewayReference}/capture"));
        Assert.Equal("rch_1:confirm", capture.Header("PayPal-Request-Id"));
    }

    [Fact]
    public async Task Confirm_BeforeApproval_StillRequiresActionAndCapturesNothing()
    {
        var gateway = Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(new Money("EUR", 1299)), default));

        var outcome = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(action, outcome);
        Assert.Empty(_paypal.Server.RequestsTo("POST", $"/v2/checkout/orders/{action.GatewayReference}/capture"));
    }

    [Fact]
    public async Task Confirm_InstrumentDeclined_IsDeclinedWithPayPalsIssue()
    {
        var gateway = Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(new Money("EUR", 1299)), default));
        _paypal.Approve(action.GatewayReference);
        _paypal.Override = r => r.Path.EndsWith("/capture", StringComparison.Ordinal) ? PayPalStub.Unprocessable("INSTRUMENT_DECLINED") : null;

        var outcome = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(new GatewayOutcome.Declined(action.GatewayReference, "payment_declined", "PayPal declined the payment.", "INSTRUMENT_DECLINED"), outcome);
    }

    [Fact]
    public async Task Charge_ServerError_IsUnknown()
    {
        _paypal.Override = r => r.Path == "/v2/checkout/orders" ? new Reply(500, """{"name":"INTERNAL_SERVER_ERROR","message":"An internal server error occurred.","debug_id":"x"}""") : null;

        Assert.IsType<GatewayOutcome.Unknown>(await Gateway().ChargeAsync(Charge(new Money("USD", 499)), default));
    }

    [Fact]
    public async Task Charge_NoAnswerWithinTimeout_IsUnknown()
    {
        _paypal.Override = r => r.Path == "/v2/checkout/orders" ? new Reply(201, "{}", TimeSpan.FromSeconds(3)) : null;

        Assert.IsType<GatewayOutcome.Unknown>(await Gateway(timeout: TimeSpan.FromSeconds(1)).ChargeAsync(Charge(new Money("USD", 499)), default));
    }

    [Fact]
    public async Task Charge_ConnectionRefused_IsNotReached()
    {
        var outcome = await Gateway(apiBase: LoopbackServer.RefusingAddress()).ChargeAsync(Charge(new Money("USD", 499)), default);

        Assert.IsType<GatewayOutcome.NotReached>(outcome);
    }

    [Fact]
    public async Task Charge_TokenEndpointFailing_IsNotReachedBecauseNoOrderWasSent()
    {
        _paypal.Override = r => r.Path == "/v1/oauth2/token" ? new Reply(503) : null;

        Assert.IsType<GatewayOutcome.NotReached>(await Gateway().ChargeAsync(Charge(new Money("USD", 499)), default));
        Assert.Empty(_paypal.Server.RequestsTo("POST", "/v2/checkout/orders"));
    }

    [Fact]
    public async Task Lookup_ConnectionRefused_IsUnknown()
    {
        Assert.IsType<GatewayOutcome.Unknown>(await Gateway(apiBase: LoopbackServer.RefusingAddress()).LookupAsync("ORDER1", default));
    }

    [Fact]
    public async Task Token_IsReusedUntilShortlyBeforeExpiryThenRefreshed()
    {
        _paypal.TokenLifetimeSeconds = 3600;
        var gateway = Gateway();

        await gateway.ChargeAsync(Charge(new Money("USD", 499), "k1"), default);
        await gateway.ChargeAsync(Charge(new Money("USD", 499), "k2"), default);
        Assert.Equal(1, _paypal.TokenRequests);

        _time.Advance(TimeSpan.FromMinutes(56));
        await gateway.ChargeAsync(Charge(new Money("USD", 499), "k3"), default);

        Assert.Equal(2, _paypal.TokenRequests);
        var tokens = _paypal.Server.RequestsTo("POST", "/v2/checkout/orders").Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
    }

    [Fact]
    public async Task Token_ConcurrentFirstCalls_ShareOneTokenRequest()
    {
        var gateway = Gateway();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => gateway.ChargeAsync(Charge(new Money("USD", 499), $"k{i}"), default)));

        Assert.Equal(1, _paypal.TokenRequests);
        Assert.Equal(12, _paypal.Server.RequestsTo("POST", "/v2/checkout/orders").Count);
    }

    [Fact]
    public async Task Token_RefusedByTheApi_IsRenewedAndTheRequestSentOnceMore()
    {
        var gateway = Gateway();
        await gateway.ChargeAsync(Charge(new Money("USD", 499), "k1"), default);
        _paypal.RevokeTokens();

        var outcome = await gateway.ChargeAsync(Charge(new Money("USD", 499), "k2"), default);

        Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(2, _paypal.TokenRequests);
        var sent = _paypal.Server.RequestsTo("POST", "/v2/checkout/orders").Where(r => r.Header("PayPal-Request-Id") == "k2").ToList();
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task Refund_ReadsTheOrderAndRefundsItsCaptureWithTheRefundRequestId()
    {
        var gateway = Gateway();
        var orderId = await PaidOrderAsync(gateway, new Money("USD", 499));

        var part = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:1", orderId, new Money("USD", 199), "rch_1"), default);
        var tooMuch = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:2", orderId, new Money("USD", 301), "rch_1"), default);

        Assert.IsType<RefundOutcome.Refunded>(part);
        Assert.Equal(new RefundOutcome.Declined("refund_exceeds_payment", "PayPal refused the refund.", "REFUND_AMOUNT_EXCEEDED"), tooMuch);
        var request = _paypal.Server.RequestsTo("POST", $"/v2/payments/captures/{_paypal.CaptureOf(orderId)}/refund")[0];
        Assert.Equal("rch_1:refund:1", request.Header("PayPal-Request-Id"));
        Assert.Equal("1.99", JsonNode.Parse(request.BodyText)!["amount"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refund_ConnectionRefused_IsNotReached()
    {
        var outcome = await Gateway(apiBase: LoopbackServer.RefusingAddress())
            .RefundAsync(new GatewayRefund("k", "ORDER1", new Money("USD", 100), "rch_1"), default);

        Assert.IsType<RefundOutcome.NotReached>(outcome);
    }

    [Theory]
    [InlineData("JPY", 800, "800")]
    [InlineData("HUF", 150000, "1500")]
    [InlineData("TWD", 10000, "100")]
    [InlineData("USD", 5, "0.05")]
    [InlineData("EUR", 100000000, "1000000.00")]
    public async Task Charge_Currency_SendsPayPalsAmountString(string currency, long minorUnits, string value)
    {
        await Gateway().ChargeAsync(Charge(new Money(currency, minorUnits)), default);

        var body = JsonNode.Parse(Assert.Single(_paypal.Server.RequestsTo("POST", "/v2/checkout/orders")).BodyText)!;
        Assert.Equal(value, body["purchase_units"]![0]!["amount"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("HUF", 150050)] // PayPal takes forints in whole units only
    [InlineData("TWD", 10001)]
    [InlineData("KWD", 1500)] // not a PayPal currency
    public async Task Charge_AmountPayPalCannotTake_IsNotSupportedAndNothingIsSent(string currency, long minorUnits)
    {
        Assert.IsType<GatewayOutcome.NotSupported>(await Gateway().ChargeAsync(Charge(new Money(currency, minorUnits)), default));
        Assert.Empty(_paypal.Server.Requests);
    }

    [Fact]
    public void Capabilities_OfferOnlyPayPalsCurrencies()
    {
        var capabilities = Gateway().Capabilities;

        Assert.True(capabilities.Supports(PaymentMethodType.PayPal, "JPY", "JP"));
        Assert.False(capabilities.Supports(PaymentMethodType.PayPal, "KWD", "KW"));
        Assert.False(capabilities.Supports(PaymentMethodType.Card, "USD", "US"));
    }

    internal async Task<string> PaidOrderAsync(PayPalGateway gateway, Money amount)
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(amount, "pay-" + Guid.NewGuid()), default));
        _paypal.Approve(action.GatewayReference);
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(new GatewayConfirmation("confirm-" + Guid.NewGuid(), action.GatewayReference), default));
        return action.GatewayReference;
    }

    private PayPalGateway Gateway(Uri? apiBase = null, TimeSpan? timeout = null) => new(
        new HttpClient(),
        new PayPalOptions
        {
            ClientId = PayPalStub.ClientId,
            ClientSecret = PayPalStub.ClientSecret,
            WebhookId = PayPalStub.WebhookId,
            ApiBase = apiBase ?? _paypal.Server.BaseAddress,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        },
        _time);

    private static GatewayRequest Charge(Money amount, string key = "rch_1:charge") => new(key, amount, "US", Payer, "rch_1", "100 coins");
}
