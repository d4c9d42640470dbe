using System.Net;
using System.Text;
using System.Text.Json;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Telemetry;
using CoinEventType = PaymentCore.Recharges.CoinEventType;
using OutboxEvent = PaymentCore.Recharges.OutboxEvent;

namespace PaymentCore.Tests.Webhooks;

/// <summary>Gateway webhooks over real HTTP: verified events move recharges, one debit per money movement.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec_sandbox_test";
    private PaymentCoreServer _server = null!;
    private HttpClient _http = null!;

    private CapturedLogs? _logs;

    public async Task InitializeAsync()
    {
        _server = await PaymentCoreServer.StartAsync(
            new() { ["Gateways:Sandbox:WebhookSecret"] = Secret },
            services => CapturedLogs.AddTo(services, captured => _logs = captured));
        _http = new HttpClient { BaseAddress = _server.HttpAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task LostChargeback_ReversesAndDebitsEveryCoinOnce_EvenWhenDeliveredTwice()
    {
        var paid = await PayAsync();

        Assert.Equal(HttpStatusCode.OK, await SendAsync("dispute.opened", paid, "evt_o"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("dispute.lost", paid, "evt_l"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("dispute.lost", paid, "evt_l"));

        Assert.Equal(RechargeStatus.Reversed, (await ReadAsync(paid)).Status);
        var debit = Assert.Single(await DebitsAsync(paid, 1));
        Assert.Equal(525, debit.Coins);
        Assert.Equal("chargeback_lost", debit.Reason);
    }

    [Fact]
    public async Task WonChargeback_ReturnsToSucceededWithoutDebit()
    {
        var paid = await PayAsync();

        await SendAsync("dispute.opened", paid, "evt_o");
        Assert.Equal(RechargeStatus.Disputed, (await ReadAsync(paid)).Status);
        await SendAsync("dispute.won", paid, "evt_w");

        Assert.Equal(RechargeStatus.Succeeded, (await ReadAsync(paid)).Status);
        Assert.Empty(await DebitsAsync(paid, 0));
    }

    [Fact]
    public async Task RefundMadeAtTheGateway_IsRecordedAndTheRestCanStillBeRefunded()
    {
        var paid = await PayAsync();

        await SendAsync("refunded", paid, "evt_r", amount: 200);
        await SendAsync("refunded", paid, "evt_r", amount: 200);
        var refunded = (await _server.Recharges.RefundRechargeAsync(new RefundRechargeRequest
        {
            IdempotencyKey = "rest",
            RechargeId = paid.RechargeId,
            Reason = "the rest",
        })).Recharge;

        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        Assert.Equal([200L, 299L], refunded.Refunds.Select(r => r.Amount.MinorUnits));
        var debits = await DebitsAsync(paid, 2);
        Assert.Equal(525, debits.Sum(d => d.Coins));
    }

    [Fact]
    public async Task PaymentSucceededWebhook_SettlesATimedOutRechargeAndCreditsOnce()
    {
        var unknown = (await _server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_timeout"))).Recharge;

        await SendAsync("payment.succeeded", unknown, "evt_s");
        await SendAsync("payment.succeeded", unknown, "evt_s");

        Assert.Equal(RechargeStatus.Succeeded, (await ReadAsync(unknown)).Status);
        await _server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == unknown.RechargeId));
        await _server.QuietAsync();
        Assert.Single(_server.Wallet.For(unknown.RechargeId));
    }

    [Fact]
    public async Task ChallengeCompletedAfterTheReconcilerGaveUp_SucceedsLateAndCreditsOnce()
    {
        await using var server = await PaymentCoreServer.StartAsync(new()
        {
            ["Gateways:Sandbox:WebhookSecret"] = Secret,
            ["Reconciler:Interval"] = "00:00:00.2",
            ["Reconciler:After"] = "00:00:00.5",
            ["Reconciler:AbandonActionAfter"] = "00:00:01",
        });
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        var waiting = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_3ds"))).Recharge;
        var abandoned = await Eventually.ReturnsAsync(
            async () => (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge,
            recharge => recharge.Status != RechargeStatus.RequiresAction,
            TimeSpan.FromSeconds(15));
        Assert.Equal("action_expired", abandoned.Failure?.Code);

        // The payer finished the challenge anyway and the gateway took the money.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(http, "payment.succeeded", waiting, "evt_late"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(http, "payment.succeeded", waiting, "evt_late"));

        var late = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, late.Status);
        Assert.Null(late.Failure);
        await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == waiting.RechargeId));
        await server.QuietAsync();
        Assert.Equal(waiting.Coins + waiting.BonusCoins, Assert.Single(server.Wallet.For(waiting.RechargeId)).Coins);
    }

    [Fact]
    public async Task DeclinedRecharge_StaysFailedWhenAPaymentSuccessArrives_AndTheContradictionIsLoggedAsAnError()
    {
        var declined = (await _server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined"))).Recharge;

        Assert.Equal(HttpStatusCode.OK, await SendAsync("payment.succeeded", declined, "evt_d"));

        Assert.Equal(RechargeStatus.Failed, (await ReadAsync(declined)).Status);
        await _server.QuietAsync();
        Assert.Empty(_server.Wallet.For(declined.RechargeId));
        var line = Assert.Single(_logs!.Text.Split('\n'), l => l.Contains("credited no coins", StringComparison.Ordinal));
        Assert.Contains("\"level\":\"Error\"", line, StringComparison.Ordinal);
        Assert.Contains(declined.RechargeId, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedDelivery_IsRefusedAndChangesNothing()
    {
        var paid = await PayAsync();
        var body = Body("dispute.lost", paid, "evt_forged", 499);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SandboxWebhooks.SignatureHeader, SandboxWebhooks.Sign(Encoding.UTF8.GetBytes(body), "wrong secret"));

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RechargeStatus.Succeeded, (await ReadAsync(paid)).Status);
    }

    [Fact]
    public async Task UnknownPayment_AsksTheGatewayToRetryLater()
    {
        var stranger = new Recharge { GatewayReference = "sbx_ch_not_ours", Amount = new Money { Currency = "USD", MinorUnits = 499 } };

        Assert.Equal(HttpStatusCode.Conflict, await SendAsync("dispute.opened", stranger, "evt_x"));
    }

    private async Task<Recharge> PayAsync() => (await _server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;

    private async Task<Recharge> ReadAsync(Recharge recharge) =>
        (await _server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = recharge.RechargeId })).Recharge;

    private Task<HttpStatusCode> SendAsync(string type, Recharge recharge, string eventId, long? amount = null) =>
        SendAsync(_http, type, recharge, eventId, amount);

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string type, Recharge recharge, string eventId, long? amount = null)
    {
        var body = Body(type, recharge, eventId, amount ?? recharge.Amount.MinorUnits);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SandboxWebhooks.SignatureHeader, SandboxWebhooks.Sign(Encoding.UTF8.GetBytes(body), Secret));
        return (await http.SendAsync(request)).StatusCode;
    }

    private static string Body(string type, Recharge recharge, string eventId, long amount) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = eventId,
        ["type"] = type,
        ["reference"] = recharge.GatewayReference,
        ["dispute_id"] = "dp_1",
        ["code"] = "card_declined",
        ["amount"] = new Dictionary<string, object> { ["currency"] = "USD", ["minor_units"] = amount },
    });

    private async Task<IReadOnlyList<OutboxEvent>> DebitsAsync(Recharge recharge, int expected)
    {
        await _server.Wallet.WaitForAsync(events => events.Count(e => e.RechargeId == recharge.RechargeId && e.Type == CoinEventType.Debit) >= expected);
        await _server.QuietAsync();
        return _server.Wallet.For(recharge.RechargeId).Where(e => e.Type == CoinEventType.Debit).ToList();
    }
}
