using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Tap;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Tap;

/// <summary>The Tap adapter's typed HttpClient against a loopback server speaking Tap's charges and refunds API.</summary>
public sealed class TapGatewayTests : IAsyncLifetime
{
    private static readonly Money Price = new("KWD", 1_500);
    private static readonly KnetInstrument Knet = new(new Uri("https://app.example.com/knet/back"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private TapStub _tap = null!;

    public async Task InitializeAsync() => _tap = await TapStub.StartAsync();

    public async Task DisposeAsync() => await _tap.DisposeAsync();

    [Fact]
    public async Task Charge_CreatesAKnetChargeInDinarsWithThreeDecimals_AndRedirectsToKnetsPage()
    {
        var outcome = await Gateway().ChargeAsync(Charge(Price), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.StartsWith("chg_", action.GatewayReference, StringComparison.Ordinal);
        Assert.Equal(_tap.Charge(action.GatewayReference)["transaction"]!["url"]!.GetValue<string>(), action.RedirectUrl?.AbsoluteUri);
        var request = Assert.Single(_tap.Server.RequestsTo("POST", "/v2/charges"));
        Assert.Equal("Bearer " + TapStub.SecretKey, request.Header("Authorization"));
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Contains("\"amount\":1.500", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(("KWD", "src_kw.knet", Knet.ReturnUrl.AbsoluteUri), (body["currency"]!.GetValue<string>(), body["source"]!["id"]!.GetValue<string>(), body["redirect"]!["url"]!.GetValue<string>()));
        Assert.Equal(("rch_1", "rch_1:charge"), (body["reference"]!["transaction"]!.GetValue<string>(), body["reference"]!["idempotent"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Charge_AnswerLost_IsAskedAgainWithTheSameIdempotentString_AndTapAnswersWithTheChargeItMade()
    {
        _tap.CreateDelay = TimeSpan.FromSeconds(3);

        var outcome = await Gateway(timeout: TimeSpan.FromSeconds(1)).ChargeAsync(Charge(Price), default);

        Assert.Equal(_tap.OnlyChargeId, Assert.IsType<GatewayOutcome.RequiresAction>(outcome).GatewayReference);
        Assert.Equal(2, _tap.Server.RequestsTo("POST", "/v2/charges").Count);
        Assert.Equal(1, _tap.ChargesCreated);
    }

    [Fact]
    public async Task Charge_ServerErrorTwice_IsUnknown()
    {
        _tap.Override = r => r.Method == "POST" ? new Reply(502, "<html>bad gateway</html>") : null;

        var outcome = await Gateway().ChargeAsync(Charge(Price), default);

        Assert.Equal(new GatewayOutcome.Unknown(null, "tap: HTTP 502 "), outcome);
    }

    [Fact]
    public async Task Charge_ConnectionRefused_IsNotReached()
    {
        var options = new TapOptions { SecretKey = TapStub.SecretKey, ApiBase = LoopbackServer.RefusingAddress() };

        Assert.IsType<GatewayOutcome.NotReached>(await new TapGateway(new HttpClient(), options, _time).ChargeAsync(Charge(Price), default));
    }

    [Fact]
    public async Task Charge_InAnotherCurrency_IsNotSupportedAndSendsNothing()
    {
        Assert.IsType<GatewayOutcome.NotSupported>(await Gateway().ChargeAsync(Charge(new Money("USD", 499)), default));
        Assert.Empty(_tap.Server.Requests);
    }

    [Fact]
    public async Task Confirm_ReadsTheCharge_PaidAbandonedOrStillOnKnetsPage()
    {
        var gateway = Gateway();
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default));
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, "rch_2"), default)).GatewayReference;
        var left = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, "rch_3"), default)).GatewayReference;
        _tap.Pay(paid);
        _tap.Abandon(left);

        Assert.Equal(waiting, await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", waiting.GatewayReference), default));
        Assert.Equal(new GatewayOutcome.Succeeded(paid), await gateway.ConfirmAsync(new GatewayConfirmation("rch_2:confirm", paid), default));
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(left, default)).Code);
    }

    [Fact]
    public async Task Refund_PartOfAPaidCharge_IsMadeOnce_AndNoMoreThanWasPaid()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        _tap.Pay(paid);

        var part = await gateway.RefundAsync(new GatewayRefund("rfd_1:refund", paid, new Money("KWD", 500), "rfd_1"), default);
        var again = await gateway.RefundAsync(new GatewayRefund("rfd_1:refund", paid, new Money("KWD", 500), "rfd_1"), default);
        var tooMuch = await gateway.RefundAsync(new GatewayRefund("rfd_2:refund", paid, Price, "rfd_2"), default);

        Assert.Equal(part, again);
        Assert.IsType<RefundOutcome.Refunded>(part);
        Assert.Contains("\"amount\":0.500", _tap.Server.RequestsTo("POST", "/v2/refunds")[0].BodyText, StringComparison.Ordinal);
        Assert.Equal(new RefundOutcome.Declined("refund_rejected", "Refund amount exceeds the refundable amount", "1131"), tooMuch);
    }

    [Fact]
    public async Task Webhook_SignedByTap_IsVerifiedFromTapsOwnAnswer()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        _tap.Pay(paid);
        var (body, hash) = _tap.Webhook(paid);

        var outcome = await gateway.ParseWebhookAsync(Delivery(body, hash), default);

        var succeeded = Assert.IsType<GatewayEvent.PaymentSucceeded>(Assert.IsType<WebhookOutcome.Verified>(outcome).Event);
        Assert.Equal((paid, Price), (succeeded.GatewayReference, succeeded.Amount));
        Assert.Single(_tap.Server.RequestsTo("GET", $"/v2/charges/{paid}"));
    }

    [Fact]
    public async Task Webhook_SignedWithAnotherKeyOrAltered_IsNotTrustedButNamesTheChargeToLookUp()
    {
        var gateway = Gateway();
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        var (body, hash) = _tap.Webhook(waiting, secretKey: "sk_test_someoneelse");
        var (genuine, genuineHash) = _tap.Webhook(waiting);

        var forged = await gateway.ParseWebhookAsync(Delivery(body, hash), default);
        var altered = await gateway.ParseWebhookAsync(Delivery(genuine.Replace("INITIATED", "CAPTURED", StringComparison.Ordinal), genuineHash), default);
        var unsigned = await gateway.ParseWebhookAsync(Delivery(genuine, null), default);

        Assert.All([forged, altered, unsigned], o => Assert.Equal(waiting, Assert.IsType<WebhookOutcome.NotVerified>(o).LookupHint));
        Assert.Empty(_tap.Server.RequestsTo("GET", $"/v2/charges/{waiting}"));
    }

    [Fact]
    public async Task Webhook_SignedButStillInitiated_ChangesNothing()
    {
        var gateway = Gateway();
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        var (body, hash) = _tap.Webhook(waiting);

        Assert.IsType<WebhookOutcome.Ignored>(await gateway.ParseWebhookAsync(Delivery(body, hash), default));
    }

    [Theory]
    [InlineData("sk_test_abc", false, "sk_test_…")]
    [InlineData("sk_live_abc", true, "sk_live_…")]
    public void SecretKey_TellsTheEnvironmentByItsPrefix(string key, bool livemode, string evidence) =>
        Assert.Equal(new GatewayEnvironment(livemode, "SecretKey", evidence), new TapOptions { SecretKey = key }.Environment);

    private TapGateway Gateway(TimeSpan? timeout = null) => new(
        new HttpClient(),
        new TapOptions { SecretKey = TapStub.SecretKey, ApiBase = _tap.Server.BaseAddress, RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) },
        _time);

    private static GatewayRequest Charge(Money amount, string reference = "rch_1") =>
        new($"{reference}:charge", amount, "KW", Knet, reference, "500 coins");

    private WebhookDelivery Delivery(string body, string? hash) => new(
        Encoding.UTF8.GetBytes(body),
        hash is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["hashstring"] = hash },
        _time.GetUtcNow());
}
