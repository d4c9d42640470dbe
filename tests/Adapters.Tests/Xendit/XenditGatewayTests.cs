using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Tests.Infrastructure;
using PaymentCore.Adapters.Xendit;

namespace PaymentCore.Adapters.Tests.Xendit;

/// <summary>The Xendit adapter's typed HttpClient against a loopback server speaking Xendit's Payment Requests API.</summary>
public sealed class XenditGatewayTests : IAsyncLifetime
{
    private static readonly Money Price = new("IDR", 7_900_000);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private XenditStub _xendit = null!;

    public async Task InitializeAsync() => _xendit = await XenditStub.StartAsync();

    public async Task DisposeAsync() => await _xendit.DisposeAsync();

    [Fact]
    public async Task Charge_CreatesAOneTimeQrisPaymentRequestInWholeRupiah_AndAnswersWithTheCodeToShow()
    {
        var outcome = await Gateway().ChargeAsync(Charge(Price), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.StartsWith("pr-", action.GatewayReference, StringComparison.Ordinal);
        Assert.Null(action.RedirectUrl);
        Assert.Equal(_xendit.PaymentRequest(action.GatewayReference)["payment_method"]!["qr_code"]!["channel_properties"]!["qr_string"]!.GetValue<string>(), action.QrCode?.Data);
        var request = Assert.Single(_xendit.Server.RequestsTo("POST", "/payment_requests"));
        Assert.Equal("rch_1:charge", request.Header("idempotency-key"));
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal(79_000, body["amount"]!.GetValue<long>());
        Assert.Equal(("IDR", "ID", "rch_1"), (body["currency"]!.GetValue<string>(), body["country"]!.GetValue<string>(), body["reference_id"]!.GetValue<string>()));
        Assert.Equal("QRIS", body["payment_method"]!["qr_code"]!["channel_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Charge_SameIdempotencyKeyTwice_CreatesOnePaymentRequest()
    {
        var gateway = Gateway();

        var first = await gateway.ChargeAsync(Charge(Price), default);
        var again = await gateway.ChargeAsync(Charge(Price), default);

        Assert.Equal(first, again);
        Assert.Equal(1, _xendit.PaymentRequestsCreated);
    }

    [Theory]
    [InlineData("IDR", 7_900_050)]
    [InlineData("USD", 499)]
    public async Task Charge_AnAmountXenditCannotTakeExactly_IsNotSupportedAndSendsNothing(string currency, long minorUnits)
    {
        var outcome = await Gateway().ChargeAsync(Charge(new Money(currency, minorUnits)), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
        Assert.Empty(_xendit.Server.Requests);
    }

    [Fact]
    public async Task Charge_AnswerLostAfterXenditCreatedIt_IsFoundAgainByOurReference()
    {
        _xendit.CreateDelay = TimeSpan.FromSeconds(3);

        var outcome = await Gateway(timeout: TimeSpan.FromSeconds(1)).ChargeAsync(Charge(Price), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(_xendit.OnlyPaymentRequestId, action.GatewayReference);
        Assert.Single(_xendit.Server.Requests, r => r.Method == "GET" && r.Path == "/payment_requests" && r.Query == "reference_id=rch_1");
    }

    [Fact]
    public async Task Charge_ServerErrorWithNothingCreated_IsUnknownNeverNotReached()
    {
        _xendit.Override = r => r.Method == "POST" ? new Reply(503, """{"error_code":"SERVER_ERROR","message":"Service unavailable"}""") : null;

        var outcome = await Gateway().ChargeAsync(Charge(Price), default);

        Assert.Equal(new GatewayOutcome.Unknown(null, "xendit: HTTP 503 SERVER_ERROR"), outcome);
    }

    [Fact]
    public async Task Charge_ConnectionRefused_IsNotReached()
    {
        var options = Options(LoopbackServer.RefusingAddress());

        var outcome = await new XenditGateway(new HttpClient(), options, _time).ChargeAsync(Charge(Price), default);

        Assert.IsType<GatewayOutcome.NotReached>(outcome);
    }

    [Fact]
    public async Task Charge_RefusedByXendit_IsADeclineWithXenditsCode()
    {
        _xendit.Override = r => r.Method == "POST" ? new Reply(400, """{"error_code":"CHANNEL_NOT_ACTIVATED","message":"QRIS is not activated"}""") : null;

        var outcome = await Gateway().ChargeAsync(Charge(Price), default);

        Assert.Equal(new GatewayOutcome.Declined(null, "payment_rejected", "Xendit refused the payment. Nothing was charged.", "CHANNEL_NOT_ACTIVATED"), outcome);
    }

    [Fact]
    public async Task Lookup_TellsPaidExpiredAndStillWaiting()
    {
        var gateway = Gateway();
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default));
        var expiring = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, "rch_2"), default));
        var paying = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, "rch_3"), default));
        _xendit.Expire(expiring.GatewayReference);
        _xendit.Pay(paying.GatewayReference);

        Assert.Equal(waiting, await gateway.LookupAsync(waiting.GatewayReference, default));
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(expiring.GatewayReference, default)).Code);
        Assert.Equal(new GatewayOutcome.Succeeded(paying.GatewayReference), await gateway.ConfirmAsync(new GatewayConfirmation("rch_3:confirm", paying.GatewayReference), default));
        Assert.Equal("payment_not_found", Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync("pr-missing", default)).Code);
    }

    [Fact]
    public async Task Refund_OfAPaidQrisPayment_CarriesItsIdempotencyKey_AndRefusesMoreThanWasPaid()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        _xendit.Pay(paid);

        var part = await gateway.RefundAsync(new GatewayRefund("rfd_1:refund", paid, new Money("IDR", 2_000_000), "rfd_1"), default);
        var tooMuch = await gateway.RefundAsync(new GatewayRefund("rfd_2:refund", paid, Price, "rfd_2"), default);

        Assert.IsType<RefundOutcome.Refunded>(part);
        Assert.Equal("rfd_1:refund", _xendit.Server.RequestsTo("POST", "/refunds")[0].Header("idempotency-key"));
        Assert.Equal(20_000, JsonNode.Parse(_xendit.Server.RequestsTo("POST", "/refunds")[0].BodyText)!["amount"]!.GetValue<long>());
        Assert.Equal(new RefundOutcome.Declined("refund_rejected", "The refund amount exceeds the amount that can be refunded.", "INVALID_AMOUNT_ERROR"), tooMuch);
    }

    [Fact]
    public async Task Charge_VirtualAccount_OpensOneAtTheBankUntilTheLifetime_AndAnswersWithWhereToTransfer()
    {
        var outcome = await Gateway().ChargeAsync(Charge(Price, instrument: new VirtualAccountInstrument(VirtualAccountBanks.Bni)), default);

        var transfer = Assert.IsType<GatewayOutcome.RequiresAction>(outcome).BankTransfer;
        Assert.NotNull(transfer);
        Assert.Equal((VirtualAccountBanks.Bni, Price, _time.GetUtcNow().AddDays(1)), (transfer.Bank, transfer.Amount, transfer.ExpiresAt));
        Assert.Matches("^[0-9]+$", transfer.AccountNumber);
        var method = JsonNode.Parse(Assert.Single(_xendit.Server.RequestsTo("POST", "/payment_requests")).BodyText)!["payment_method"]!;
        Assert.Equal(("VIRTUAL_ACCOUNT", "BNI"), (method["type"]!.GetValue<string>(), method["virtual_account"]!["channel_code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Refund_OfAVirtualAccountPayment_IsAClearDecline_AndNothingIsAskedOfXendit()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, instrument: new VirtualAccountInstrument(VirtualAccountBanks.Bca)), default)).GatewayReference;
        _xendit.Pay(paid);

        var outcome = await gateway.RefundAsync(new GatewayRefund("rfd_1:refund", paid, Price, "rfd_1"), default);

        Assert.Equal("refund_not_supported", Assert.IsType<RefundOutcome.Declined>(outcome).Code);
        Assert.Empty(_xendit.Server.RequestsTo("POST", "/refunds"));
    }

    [Fact]
    public async Task Callback_WithTheTokenForAPaidRequest_IsVerifiedFromXenditsOwnAnswer()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;
        _xendit.Pay(paid);

        var outcome = await gateway.ParseWebhookAsync(Delivery(XenditStub.Callback("payment.succeeded", paid, "rch_1", "SUCCEEDED", 79_000), XenditStub.CallbackToken), default);

        var verified = Assert.IsType<GatewayEvent.PaymentSucceeded>(Assert.IsType<WebhookOutcome.Verified>(outcome).Event);
        Assert.Equal((paid, Price), (verified.GatewayReference, verified.Amount));
        Assert.Single(_xendit.Server.RequestsTo("GET", $"/payment_requests/{paid}"));
    }

    [Fact]
    public async Task Callback_ClaimingAPaymentXenditHasNotSeen_ChangesNothing()
    {
        var gateway = Gateway();
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default)).GatewayReference;

        var outcome = await gateway.ParseWebhookAsync(Delivery(XenditStub.Callback("payment.succeeded", waiting, "rch_1", "SUCCEEDED", 79_000), XenditStub.CallbackToken), default);

        Assert.IsType<WebhookOutcome.Ignored>(outcome);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("xendit-callback-token-stub-but-longer")]
    [InlineData("")]
    public async Task Callback_WithoutTheRightToken_IsNotTrustedButNamesThePaymentToLookUp(string token)
    {
        var outcome = await Gateway().ParseWebhookAsync(Delivery(XenditStub.Callback("payment.succeeded", "pr-1", "rch_1", "SUCCEEDED", 79_000), token), default);

        Assert.Equal("pr-1", Assert.IsType<WebhookOutcome.NotVerified>(outcome).LookupHint);
        Assert.Empty(_xendit.Server.Requests);
    }

    [Fact]
    public async Task Callback_ThatIsNotJson_IsNotVerified() =>
        Assert.IsType<WebhookOutcome.NotVerified>(await Gateway().ParseWebhookAsync(Delivery("<html>", XenditStub.CallbackToken), default));

    [Fact]
    public async Task Charge_Ovo_SendsTheNumberToXendit_AndAnswersWithTheAppToApproveInAndTheNumberMasked()
    {
        var outcome = await Gateway().ChargeAsync(Charge(Price, instrument: new EwalletInstrument(EwalletWallets.Ovo, "+6281234567890", null)), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(new AppApproval("OVO", "+***********90"), action.AppApproval);
        Assert.Null(action.RedirectUrl);
        Assert.NotNull(action.ExpiresAt);
        var method = JsonNode.Parse(Assert.Single(_xendit.Server.RequestsTo("POST", "/payment_requests")).BodyText)!["payment_method"]!;
        Assert.Equal(("EWALLET", "ONE_TIME_USE"), (method["type"]!.GetValue<string>(), method["reusability"]!.GetValue<string>()));
        Assert.Equal(("OVO", "+6281234567890"), (method["ewallet"]!["channel_code"]!.GetValue<string>(), method["ewallet"]!["channel_properties"]!["mobile_number"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Charge_Dana_RedirectsToTheWalletsPage_WithOurReturnUrlForEveryOutcome()
    {
        var back = new Uri("https://shop.example/back");

        var outcome = await Gateway().ChargeAsync(Charge(Price, instrument: new EwalletInstrument(EwalletWallets.Dana, null, back)), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Contains("/dana/web/", action.RedirectUrl!.AbsoluteUri, StringComparison.Ordinal);
        var properties = JsonNode.Parse(Assert.Single(_xendit.Server.RequestsTo("POST", "/payment_requests")).BodyText)!["payment_method"]!["ewallet"]!["channel_properties"]!;
        Assert.All(new[] { "success_return_url", "failure_return_url", "cancel_return_url" }, p => Assert.Equal(back.AbsoluteUri, properties[p]!.GetValue<string>()));
        Assert.Null(properties["mobile_number"]);
    }

    [Fact]
    public async Task Charge_OvoAskedAgainWithTheNumberMasked_FindsTheFirstPaymentRequestByOurReference_AndCreatesNone()
    {
        var gateway = Gateway();
        var first = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, instrument: new EwalletInstrument(EwalletWallets.Ovo, "+6281234567890", null)), default));
        _xendit.Pay(first.GatewayReference);

        var again = await gateway.ChargeAsync(Charge(Price, instrument: new EwalletInstrument(EwalletWallets.Ovo, "+***********90", null)), default);
        var never = await gateway.ChargeAsync(Charge(Price, reference: "rch_2", instrument: new EwalletInstrument(EwalletWallets.Ovo, "+***********90", null)), default);

        Assert.Equal(new GatewayOutcome.Succeeded(first.GatewayReference), again);
        Assert.Equal("payment_not_found", Assert.IsType<GatewayOutcome.Declined>(never).Code);
        Assert.Single(_xendit.Server.RequestsTo("POST", "/payment_requests"));
    }

    [Fact]
    public async Task Refund_OfAPaidEwalletPayment_IsAskedOfXendit()
    {
        var gateway = Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price, instrument: new EwalletInstrument(EwalletWallets.ShopeePay, null, new Uri("https://shop.example/back"))), default));
        _xendit.Pay(paid.GatewayReference);

        var refund = await gateway.RefundAsync(new GatewayRefund("rfd_1:refund", paid.GatewayReference, new Money("IDR", 1_000_000), "rfd_1"), default);

        Assert.IsType<RefundOutcome.Refunded>(refund);
        Assert.Contains("\"amount\":10000", Assert.Single(_xendit.Server.RequestsTo("POST", "/refunds")).BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xnd_development_abc", false)]
    [InlineData("xnd_production_abc", true)]
    public void SecretKey_TellsTheEnvironmentByItsPrefix(string key, bool livemode) =>
        Assert.Equal(new GatewayEnvironment(livemode, "SecretKey", key[..(key.LastIndexOf('_') + 1)] + "…"), new XenditOptions { SecretKey = key }.Environment);

    private XenditGateway Gateway(TimeSpan? timeout = null)
    {
        var options = Options(_xendit.Server.BaseAddress);
        options.RequestTimeout = timeout ?? TimeSpan.FromSeconds(10);
        return new XenditGateway(new HttpClient(), options, _time);
    }

    private static XenditOptions Options(Uri apiBase) =>
        new() { SecretKey = XenditStub.SecretKey, CallbackToken = XenditStub.CallbackToken, ApiBase = apiBase };

    private static GatewayRequest Charge(Money amount, string reference = "rch_1", PaymentInstrument? instrument = null) =>
        new($"{reference}:charge", amount, "ID", instrument ?? new QrisInstrument(), reference, "500 coins");

    private WebhookDelivery Delivery(string body, string token) => new(
        Encoding.UTF8.GetBytes(body),
        token.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-CALLBACK-TOKEN"] = token },
        _time.GetUtcNow());
}
