using System.Net;
using System.Text;
using Grpc.Core;
using PaymentCore.Adapters.Tests.Tap;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using CoinEventType = PaymentCore.Recharges.CoinEventType;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// KNET through Tap Payments, on the real host backed by a real redis-server, against a loopback
/// server speaking Tap's charges API: the payer is sent to KNET's page, pays, comes back; the
/// confirmation, Tap's webhook or the reconciler completes the recharge, and the wallet is credited once.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class KnetRechargeTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private TapStub _tap = null!;

    public async Task InitializeAsync() => _tap = await TapStub.StartAsync();

    public async Task DisposeAsync() => await _tap.DisposeAsync();

    [Fact]
    public async Task PaidOnKnetsPage_TheConfirmationSucceeds_AndALaterWebhookCreditsNothingMore()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.RedirectToUrl), (waiting.Status, waiting.NextAction.Type));
        Assert.Equal(_tap.Charge(waiting.GatewayReference)["transaction"]!["url"]!.GetValue<string>(), waiting.NextAction.RedirectUrl);
        Assert.Equal(PaymentMethodType.Knet, waiting.PaymentMethodType);
        Assert.Equal(new Money { Currency = "KWD", MinorUnits = 1500 }, waiting.Amount);

        _tap.Pay(waiting.GatewayReference);
        var confirmed = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "back", RechargeId = waiting.RechargeId })).Recharge;
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(server, waiting));
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(server, waiting));

        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task PaidAndWebhooked_Succeeds_WithoutAConfirmation()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);

        _tap.Pay(waiting.GatewayReference);

        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(server, waiting));
        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task PaidButNeitherConfirmedNorWebhooked_TheReconcilerFindsItPaid_AndCreditsOnce()
    {
        await using var server = await StartAsync(fastReconciler: true);
        var waiting = await CreateAsync(server);

        _tap.Pay(waiting.GatewayReference);

        await server.SettledAsync(waiting, RechargeStatus.Succeeded);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task WebhooksConfirmationsAndTheReconcilerAtOnce_CreditOnce()
    {
        await using var server = await StartAsync(fastReconciler: true);
        var waiting = await CreateAsync(server);
        _tap.Pay(waiting.GatewayReference);

        var webhooks = Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostWebhookAsync(server, waiting)));
        var confirmations = Task.WhenAll(Enumerable.Range(0, 5).Select(i => server.ConfirmAsync(waiting, $"back-{i}")));

        Assert.All(await webhooks, a => Assert.Contains(a, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(await confirmations, status => Assert.Contains(status, new[] { StatusCode.OK, StatusCode.FailedPrecondition, StatusCode.Aborted }));
        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task DuplicateStorm_OneKeyFiftyTimesAtOnce_MakesOneCharge()
    {
        await using var server = await StartAsync();

        var answers = await server.StormAsync(Knet(), 50);

        var rechargeId = Assert.Single(answers.Where(a => a != "in-progress").Distinct());
        Assert.Equal(1, _tap.ChargesCreated);
        Assert.All(_tap.Server.RequestsTo("POST", "/v2/charges"), r => Assert.Contains($"\"idempotent\":\"{rechargeId}:charge\"", r.BodyText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedOrUnpaidWebhooks_MoveNothing()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        var (genuine, hash) = _tap.Webhook(waiting.GatewayReference);
        var (_, wrongKey) = _tap.Webhook(waiting.GatewayReference, secretKey: "sk_test_attacker");

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(server, genuine.Replace("INITIATED", "CAPTURED", StringComparison.Ordinal), hash));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(server, genuine, wrongKey));
        // Signed by Tap, but the charge is still waiting on KNET's page: nothing to apply.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server, genuine, hash));

        Assert.Equal(RechargeStatus.RequiresAction, (await server.ReadAsync(waiting)).Status);
        await server.AssertNothingCreditedAsync(waiting);
    }

    [Fact]
    public async Task PayerLeftKnetsPage_FailsCleanly_AndReleasesTheLimitReservation()
    {
        await using var server = await StartAsync(dailyLimit: "100.00");
        var waiting = await CreateAsync(server);
        Assert.True(await server.DailyUsedAsync(waiting) > 0);

        _tap.Abandon(waiting.GatewayReference);
        var failed = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "back", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal((RechargeStatus.Failed, "action_expired"), (failed.Status, failed.Failure.Code));
        Assert.Equal(0, await server.DailyUsedAsync(waiting));
        await server.AssertNothingCreditedAsync(waiting);
    }

    [Fact]
    public async Task PartialThenFullRefund_GiveTheDinarsBackAtTap_AndDebitEveryCoinOnce()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        _tap.Pay(waiting.GatewayReference);
        await PostWebhookAsync(server, waiting);

        var part = (await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest
        {
            IdempotencyKey = "part",
            RechargeId = waiting.RechargeId,
            Amount = new Money { Currency = "KWD", MinorUnits = 500 },
            Reason = "part",
        })).Recharge;
        var rest = (await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "rest", RechargeId = waiting.RechargeId, Reason = "rest" })).Recharge;

        Assert.Equal((RechargeStatus.PartiallyRefunded, RechargeStatus.Refunded), (part.Status, rest.Status));
        Assert.Equal(["\"amount\":0.500", "\"amount\":1.000"], _tap.Server.RequestsTo("POST", "/v2/refunds").Select(r => r.BodyText[r.BodyText.IndexOf("\"amount\"", StringComparison.Ordinal)..(r.BodyText.IndexOf("\"amount\"", StringComparison.Ordinal) + 14)]));
        await server.Wallet.WaitForAsync(events => events.Count(e => e.RechargeId == waiting.RechargeId) == 3);
        await server.QuietAsync();
        Assert.Equal(waiting.Coins + waiting.BonusCoins, server.Wallet.For(waiting.RechargeId).Where(e => e.Type == CoinEventType.Debit).Sum(e => e.Coins));
    }

    [Fact]
    public async Task ListPackages_OffersKnetInKuwait_OnlyWhenTapIsConfigured()
    {
        await using var withTap = await StartAsync();
        await using var without = await LocalRecharges.StartAsync(redis.Configuration, new Dictionary<string, string?>());

        Assert.Contains("knet", (await withTap.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "KW" })).PaymentMethods);
        Assert.DoesNotContain("knet", (await withTap.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
        Assert.DoesNotContain("knet", (await without.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "KW" })).PaymentMethods);
    }

    private Task<PaymentCoreServer> StartAsync(bool fastReconciler = false, string? dailyLimit = null) =>
        LocalRecharges.StartAsync(redis.Configuration, new Dictionary<string, string?>
        {
            ["Gateways:Tap:SecretKey"] = TapStub.SecretKey,
            ["Gateways:Tap:ApiBase"] = _tap.Server.BaseAddress.AbsoluteUri,
        }, fastReconciler, dailyLimit);

    private static CreateRechargeRequest Knet() =>
        LocalRecharges.Request("KW", new PaymentMethod { Knet = new KnetMethod { ReturnUrl = "https://app.example.com/knet/back" } });

    private static async Task<Recharge> CreateAsync(PaymentCoreServer server) => (await server.Recharges.CreateRechargeAsync(Knet())).Recharge;

    private Task<HttpStatusCode> PostWebhookAsync(PaymentCoreServer server, Recharge recharge)
    {
        var (body, hash) = _tap.Webhook(recharge.GatewayReference);
        return PostAsync(server, body, hash);
    }

    private static async Task<HttpStatusCode> PostAsync(PaymentCoreServer server, string body, string hash)
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("hashstring", hash);
        using var response = await http.PostAsync("/webhooks/tap", content);
        return response.StatusCode;
    }
}
