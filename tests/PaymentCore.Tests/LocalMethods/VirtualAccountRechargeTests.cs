using System.Net;
using PaymentCore.Adapters.Tests.Xendit;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// Bank transfers into a virtual account through Xendit, on the real host backed by a real
/// redis-server: the recharge shows where to transfer, the transfer arrives (callback or
/// reconciler), the wallet is credited once; an unpaid account expires; Xendit cannot refund it.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class VirtualAccountRechargeTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private XenditStub _xendit = null!;

    public async Task InitializeAsync() => _xendit = await XenditStub.StartAsync();

    public async Task DisposeAsync() => await _xendit.DisposeAsync();

    [Fact]
    public async Task TransferArrived_TheCallbackSucceedsTheRecharge_AndCreditsOnce()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);

        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.BankTransfer, PaymentMethodType.VirtualAccount), (waiting.Status, waiting.NextAction.Type, waiting.PaymentMethodType));
        var transfer = waiting.NextAction.BankTransfer;
        var atXendit = _xendit.PaymentRequest(waiting.GatewayReference)["payment_method"]!["virtual_account"]!["channel_properties"]!;
        Assert.Equal((VirtualAccountBank.Mandiri, atXendit["virtual_account_number"]!.GetValue<string>()), (transfer.Bank, transfer.AccountNumber));
        Assert.Equal(waiting.Amount, transfer.Amount);
        Assert.NotNull(transfer.ExpiresAt);
        Assert.Empty(waiting.NextAction.RedirectUrl);

        _xendit.Pay(waiting.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting, "SUCCEEDED"));
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment.succeeded", waiting, "SUCCEEDED"));

        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task TransferArrivedWithoutACallback_TheReconcilerSucceedsTheRecharge()
    {
        await using var server = await StartAsync(fastReconciler: true);
        var waiting = await CreateAsync(server);

        _xendit.Pay(waiting.GatewayReference);

        await server.SettledAsync(waiting, RechargeStatus.Succeeded);
        await server.AssertCreditedOnceAsync(waiting);
    }

    [Fact]
    public async Task UnpaidAccountExpires_TheRechargeFails_AndReleasesItsLimitReservation()
    {
        await using var server = await StartAsync(dailyLimit: "100.00");

        await XenditRecharges.Payments(server, Mandiri).Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(XenditRecharges.ExpiredAndCalledBack(server, _xendit));
    }

    [Fact]
    public async Task Refund_IsDeclinedClearly_AndTheCoinsStay()
    {
        await using var server = await StartAsync();
        var waiting = await CreateAsync(server);
        _xendit.Pay(waiting.GatewayReference);
        await CallBackAsync(server, "payment.succeeded", waiting, "SUCCEEDED");

        var after = (await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund", RechargeId = waiting.RechargeId, Reason = "asked" })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, after.Status);
        var refund = Assert.Single(after.Refunds);
        Assert.Equal((RefundStatus.Failed, "refund_not_supported"), (refund.Status, refund.FailureCode));
        Assert.Empty(_xendit.Server.RequestsTo("POST", "/refunds"));
        await server.AssertCreditedOnceAsync(waiting);
    }

    private Task<PaymentCoreServer> StartAsync(bool fastReconciler = false, string? dailyLimit = null) =>
        XenditRecharges.StartAsync(redis.Configuration, _xendit, fastReconciler, dailyLimit);

    private static readonly PaymentMethod Mandiri = new() { VirtualAccount = new VirtualAccountMethod { Bank = VirtualAccountBank.Mandiri } };

    private static async Task<Recharge> CreateAsync(PaymentCoreServer server) =>
        (await server.Recharges.CreateRechargeAsync(LocalRecharges.Request("ID", Mandiri))).Recharge;

    private static Task<HttpStatusCode> CallBackAsync(PaymentCoreServer server, string eventType, Recharge recharge, string status) =>
        XenditRecharges.CallBackAsync(server, eventType, recharge, status);
}
