using System.Net;
using PaymentCore.Adapters.Tests.Xendit;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using CoinEventType = PaymentCore.Recharges.CoinEventType;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// QRIS through Xendit, on the real host backed by a real redis-server, against a loopback server
/// speaking Xendit's Payment Requests API: the code is shown, the payer pays in their app, Xendit's
/// callback or the reconciler completes the recharge, and the wallet is credited once.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class QrisRechargeTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private XenditStub _xendit = null!;

    public async Task InitializeAsync() => _xendit = await XenditStub.StartAsync();

    public async Task DisposeAsync() => await _xendit.DisposeAsync();

    [Fact]
    public async Task PaidAndCalledBack_Succeeds_AndAReplayedCallbackCreditsNothingMore()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        Assert.Equal(RechargeStatus.RequiresAction, waiting.Status);
        Assert.Equal(NextActionType.DisplayQrCode, waiting.NextAction.Type);
        Assert.Equal(_xendit.PaymentRequest(waiting.GatewayReference)["payment_method"]!["qr_code"]!["channel_properties"]!["qr_string"]!.GetValue<string>(), waiting.NextAction.DisplayQrCode.Data);
        Assert.Equal(PaymentMethodType.Qris, waiting.PaymentMethodType);

        _xendit.Pay(waiting.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));

        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task PaidWithoutACallback_TheReconcilerFindsItPaid_AndCreditsOnce()
    {
        await using var server = await StartAsync(fastReconciler: true);
        var waiting = await CreateAsync(server);

        _xendit.Pay(waiting.GatewayReference);

        await server.SettledAsync(waiting, RechargeStatus.Succeeded);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task CallbacksConfirmationsAndTheReconcilerAtOnce_CreditOnce()
    {
        await using var server = await StartAsync(fastReconciler: true);

        await XenditRecharges.Payments(server, new PaymentMethod { Qris = new QrisMethod() }).PaidAndToldAtOnce_CreditsOnceAsync(
            waiting => _xendit.Pay(waiting.GatewayReference), XenditRecharges.CallbacksAndConfirmationsAtOnce(server));
    }

    [Fact]
    public async Task DuplicateStorm_OneKeyFiftyTimesAtOnce_CreatesOnePaymentRequest()
    {
        await using var server = await StartAsync();

        var answers = await server.StormAsync(Qris(), 50);

        var rechargeId = Assert.Single(answers.Where(a => a != "in-progress").Distinct());
        Assert.Equal(1, _xendit.PaymentRequestsCreated);
        Assert.All(_xendit.Server.RequestsTo("POST", "/payment_requests"), r => Assert.Equal($"{rechargeId}:charge", r.Header("idempotency-key")));
    }

    [Fact]
    public async Task ForgedCallbacks_MoveNothing()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);

        // Without the account's token: not trusted (at most a reason to ask Xendit, which says unpaid).
        Assert.Equal(HttpStatusCode.BadRequest, await CallBackAsync(server, "payment.succeeded", waiting, token: "guessed"));
        // With the token but about a payment Xendit has not seen: Xendit's own answer decides.
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting));

        Assert.Equal(RechargeStatus.RequiresAction, (await server.ReadAsync(waiting)).Status);
        await server.AssertNothingCreditedAsync(waiting);
    }

    [Fact]
    public async Task ExpiredCode_FailsTheRechargeCleanly_AndReleasesItsLimitReservation()
    {
        await using var server = await StartAsync(dailyLimit: "100.00");

        await XenditRecharges.Payments(server, new PaymentMethod { Qris = new QrisMethod() })
            .Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(XenditRecharges.ExpiredAndCalledBack(server, _xendit));
    }

    [Fact]
    public async Task ExpiredCodeFoundByTheReconciler_FailsTheRecharge()
    {
        await using var server = await StartAsync(fastReconciler: true);
        var waiting = await CreateAsync(server);

        _xendit.Expire(waiting.GatewayReference);

        Assert.Equal("action_expired", (await server.SettledAsync(waiting, RechargeStatus.Failed)).Failure.Code);
        await server.AssertNothingCreditedAsync(waiting);
    }

    [Fact]
    public async Task Refund_GivesTheRupiahBackAtXendit_AndDebitsTheCoinsOnce()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        _xendit.Pay(waiting.GatewayReference);
        await CallBackAsync(server, "payment.succeeded", waiting);
        var refund = new RefundRechargeRequest { IdempotencyKey = "refund-all", RechargeId = waiting.RechargeId, Reason = "asked by the user" };

        var refunded = (await server.Recharges.RefundRechargeAsync(refund)).Recharge;
        await server.Recharges.RefundRechargeAsync(refund);

        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        var atXendit = Assert.Single(_xendit.Server.RequestsTo("POST", "/refunds"));
        Assert.Contains("\"amount\":79000", atXendit.BodyText, StringComparison.Ordinal);
        await server.Wallet.WaitForAsync(events => events.Count(e => e.RechargeId == waiting.RechargeId) == 2);
        await server.QuietAsync();
        Assert.Single(server.Wallet.For(waiting.RechargeId), e => e.Type == CoinEventType.Debit);
    }

    [Fact]
    public async Task ListPackages_OffersQrisInIndonesia_OnlyWhenXenditIsConfigured()
    {
        await using var withXendit = await StartAsync();
        await using var without = await LocalRecharges.StartAsync(redis.Configuration, new Dictionary<string, string?>());

        Assert.Contains("qris", (await withXendit.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
        Assert.DoesNotContain("qris", (await withXendit.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" })).PaymentMethods);
        Assert.DoesNotContain("qris", (await without.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
    }

    private Task<PaymentCoreServer> StartAsync(bool fastReconciler = false, string? dailyLimit = null) =>
        XenditRecharges.StartAsync(redis.Configuration, _xendit, fastReconciler, dailyLimit);

    private static CreateRechargeRequest Qris() => LocalRecharges.Request("ID", new PaymentMethod { Qris = new QrisMethod() });

    private static async Task<Recharge> CreateAsync(PaymentCoreServer server) => (await server.Recharges.CreateRechargeAsync(Qris())).Recharge;

    private static Task<HttpStatusCode> CallBackAsync(PaymentCoreServer server, string eventType, Recharge recharge, string token = XenditStub.CallbackToken, string status = "SUCCEEDED") =>
        XenditRecharges.CallBackAsync(server, eventType, recharge, status, token);
}
