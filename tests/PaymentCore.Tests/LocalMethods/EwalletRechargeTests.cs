using System.Net;
using Grpc.Core;
using PaymentCore.Adapters.Tests.Infrastructure;
using PaymentCore.Adapters.Tests.Xendit;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Telemetry;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// Indonesian e-wallets through Xendit, on the real host backed by a real redis-server, against a
/// loopback server speaking Xendit's Payment Requests API: OVO pushes to the app of the payer's phone
/// number (APPROVE_IN_APP, the number only ever masked on our side), DANA and ShopeePay redirect; a
/// callback, a confirmation or the reconciler completes the recharge, and the wallet is credited once.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class EwalletRechargeTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private const string Phone = "+6281234567890";
    private const string Masked = "+***********90";
    private const string ReturnUrl = "https://shop.example/ewallet/back";

    private XenditStub _xendit = null!;

    public async Task InitializeAsync() => _xendit = await XenditStub.StartAsync();

    public async Task DisposeAsync() => await _xendit.DisposeAsync();

    [Fact]
    public async Task Ovo_IsPushedToTheAppOfTheNumber_ApprovedAndCalledBack_SucceedsOnce()
    {
        await using var server = await StartAsync();
        var before = DateTimeOffset.UtcNow;

        var waiting = await CreateAsync(server, Ovo());

        Assert.Equal((RechargeStatus.RequiresAction, PaymentMethodType.Ewallet), (waiting.Status, waiting.PaymentMethodType));
        Assert.Equal(NextActionType.ApproveInApp, waiting.NextAction.Type);
        Assert.Equal((EwalletWallet.Ovo, Masked), (waiting.NextAction.ApproveInApp.Wallet, waiting.NextAction.ApproveInApp.PhoneNumber));
        Assert.Equal(string.Empty, waiting.NextAction.RedirectUrl);
        Assert.Null(waiting.NextAction.DisplayQrCode);
        Assert.Equal(waiting.NextAction.ExpiresAt, waiting.NextAction.ApproveInApp.ExpiresAt);
        Assert.InRange(waiting.NextAction.ExpiresAt.ToDateTimeOffset(), before.AddSeconds(50), DateTimeOffset.UtcNow.AddSeconds(61));
        var sent = _xendit.PaymentRequest(waiting.GatewayReference)["payment_method"]!;
        Assert.Equal(("EWALLET", "OVO", Phone), (sent["type"]!.GetValue<string>(), sent["ewallet"]!["channel_code"]!.GetValue<string>(), sent["ewallet"]!["channel_properties"]!["mobile_number"]!.GetValue<string>()));
        Assert.DoesNotContain("81234567890", waiting.ToString(), StringComparison.Ordinal);

        _xendit.Pay(waiting.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));

        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Theory]
    [InlineData(EwalletWallet.Dana, "dana")]
    [InlineData(EwalletWallet.Shopeepay, "shopeepay")]
    public async Task RedirectWallet_SendsThePayerToItsPage_ThenConfirmRechargeSucceeds(EwalletWallet wallet, string page)
    {
        await using var server = await StartAsync();

        var waiting = await CreateAsync(server, Redirect(wallet));

        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.RedirectToUrl), (waiting.Status, waiting.NextAction.Type));
        Assert.Contains($"/{page}/web/{waiting.GatewayReference}", waiting.NextAction.RedirectUrl, StringComparison.Ordinal);
        var properties = _xendit.PaymentRequest(waiting.GatewayReference)["payment_method"]!["ewallet"]!["channel_properties"]!;
        Assert.Equal(ReturnUrl, properties["success_return_url"]!.GetValue<string>());
        Assert.Equal(ReturnUrl, properties["failure_return_url"]!.GetValue<string>());

        // Back before approving: still waiting on the wallet's page.
        await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "back-early", RechargeId = waiting.RechargeId });
        Assert.Equal(RechargeStatus.RequiresAction, (await server.ReadAsync(waiting)).Status);

        _xendit.Pay(waiting.GatewayReference);
        var confirmed = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "back", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task DuplicateStorm_OneKeyFiftyTimesAtOnce_CreatesOnePaymentRequest()
    {
        await using var server = await StartAsync();

        var answers = await server.StormAsync(LocalRecharges.Request("ID", Ovo()), 50);

        var rechargeId = Assert.Single(answers.Where(a => a != "in-progress").Distinct());
        Assert.Equal(1, _xendit.PaymentRequestsCreated);
        Assert.All(_xendit.Server.RequestsTo("POST", "/payment_requests"), r => Assert.Equal($"{rechargeId}:charge", r.Header("idempotency-key")));
    }

    [Fact]
    public async Task ForgedAndReplayedCallbacks_MoveNothing()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server, Ovo());

        Assert.Equal(HttpStatusCode.BadRequest, await CallBackAsync(server, "payment.succeeded", waiting, token: "guessed"));
        Assert.Equal(HttpStatusCode.BadRequest, await CallBackAsync(server, "payment.succeeded", waiting, token: string.Empty));
        // Authentic, but replayed from another payment or sent before the payer approved: Xendit's own answer decides.
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));

        Assert.Equal(RechargeStatus.RequiresAction, (await server.ReadAsync(waiting)).Status);
        await server.AssertNothingCreditedAsync(waiting);
    }

    [Fact]
    public async Task CallbacksConfirmationsAndTheReconcilerAtOnce_CreditOnce()
    {
        await using var server = await StartAsync(fastReconciler: true);

        await XenditRecharges.Payments(server, Ovo()).PaidAndToldAtOnce_CreditsOnceAsync(
            waiting => _xendit.Pay(waiting.GatewayReference), XenditRecharges.CallbacksAndConfirmationsAtOnce(server));
    }

    [Fact]
    public async Task PushNotApprovedInTime_FailsActionExpired_AndReleasesItsLimitReservation()
    {
        await using var server = await StartAsync(dailyLimit: "100.00");

        await XenditRecharges.Payments(server, Ovo()).Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(XenditRecharges.ExpiredAndCalledBack(server, _xendit));
    }

    [Fact]
    public async Task Refund_GivesTheRupiahBackToTheWallet_AndDebitsTheCoinsOnce()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server, Ovo());
        _xendit.Pay(waiting.GatewayReference);
        await CallBackAsync(server, "payment.succeeded", waiting);
        var refund = new RefundRechargeRequest { IdempotencyKey = "refund-part", RechargeId = waiting.RechargeId, Amount = new Money { Currency = "IDR", MinorUnits = 3_000_000 }, Reason = "asked" };

        var refunded = (await server.Recharges.RefundRechargeAsync(refund)).Recharge;
        await server.Recharges.RefundRechargeAsync(refund);

        Assert.Equal(RechargeStatus.PartiallyRefunded, refunded.Status);
        var atXendit = Assert.Single(_xendit.Server.RequestsTo("POST", "/refunds"));
        Assert.Contains("\"amount\":30000", atXendit.BodyText, StringComparison.Ordinal);
        Assert.Equal(RefundStatus.Succeeded, Assert.Single(refunded.Refunds).Status);
    }

    [Fact]
    public async Task ThePhoneNumber_IsNeverInTheLogs_NorOnTheRecharge()
    {
        CapturedLogs? logs = null;
        string rechargeText, rechargeId;
        await using (var server = await StartAsync(services: services => CapturedLogs.AddTo(services, captured => logs = captured)))
        {
            var waiting = await CreateAsync(server, Ovo());
            rechargeId = waiting.RechargeId;
            await CallBackAsync(server, "payment.succeeded", waiting, token: "guessed");
            _xendit.Override = r => r.Method == "GET" ? new Reply(500, """{"error_code":"SERVER_ERROR","message":"+6281234567890 unavailable"}""") : null;
            await CallBackAsync(server, "payment.succeeded", waiting);
            _xendit.Override = null;
            _xendit.Expire(waiting.GatewayReference);
            await CallBackAsync(server, "payment_request.expiry", waiting, status: "EXPIRED");
            var refused = LocalRecharges.Request("ID", Ovo());
            refused.PaymentMethod.Ewallet.ReturnUrl = ReturnUrl;
            var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () => server.Recharges.CreateRechargeAsync(refused).ResponseAsync);
            Assert.DoesNotContain("81234567890", status.ToString(), StringComparison.Ordinal);
            rechargeText = (await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = waiting.UserId })).ToString();
        }

        Assert.Contains(rechargeId, rechargeText, StringComparison.Ordinal);
        Assert.DoesNotContain("81234567890", rechargeText, StringComparison.Ordinal);
        Assert.NotEmpty(logs!.Text);
        Assert.DoesNotContain("81234567890", logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPackages_OffersEwalletsInIndonesia_OnlyWhenXenditIsConfigured()
    {
        await using var withXendit = await StartAsync();
        await using var without = await LocalRecharges.StartAsync(redis.Configuration, new Dictionary<string, string?>());

        Assert.Contains("ewallet", (await withXendit.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
        Assert.DoesNotContain("ewallet", (await withXendit.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" })).PaymentMethods);
        Assert.DoesNotContain("ewallet", (await without.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
    }

    private Task<PaymentCoreServer> StartAsync(bool fastReconciler = false, string? dailyLimit = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        XenditRecharges.StartAsync(redis.Configuration, _xendit, fastReconciler, dailyLimit, services);

    private static PaymentMethod Ovo() => new() { Ewallet = new EwalletMethod { Wallet = EwalletWallet.Ovo, PhoneNumber = Phone } };

    private static PaymentMethod Redirect(EwalletWallet wallet) => new() { Ewallet = new EwalletMethod { Wallet = wallet, ReturnUrl = ReturnUrl } };

    private static async Task<Recharge> CreateAsync(PaymentCoreServer server, PaymentMethod method) =>
        (await server.Recharges.CreateRechargeAsync(LocalRecharges.Request("ID", method))).Recharge;

    private static Task<HttpStatusCode> CallBackAsync(PaymentCoreServer server, string eventType, Recharge recharge, string token = XenditStub.CallbackToken, string status = "SUCCEEDED") =>
        XenditRecharges.CallBackAsync(server, eventType, recharge, status, token);
}
