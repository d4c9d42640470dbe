using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Confirmations;

/// <summary>The reconciler settles what a timeout or an abandoned challenge left open.</summary>
public sealed class ReconcilerTests
{
    private static readonly Dictionary<string, string?> FastReconciler = new()
    {
        ["Reconciler:Interval"] = "00:00:00.2",
        ["Reconciler:After"] = "00:00:00.5",
        ["Reconciler:AbandonActionAfter"] = "00:00:01",
    };

    [Fact]
    public async Task TimedOutCharge_IsFoundSucceededAndCreditedExactlyOnce()
    {
        await using var server = await PaymentCoreServer.StartAsync(new(FastReconciler));

        var unknown = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_timeout"))).Recharge;

        Assert.Equal(RechargeStatus.Unknown, unknown.Status);
        var settled = await EventuallyAsync(server, unknown.RechargeId, r => r.Status != RechargeStatus.Unknown);
        Assert.Equal(RechargeStatus.Succeeded, settled.Status);
        await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == unknown.RechargeId));
        await server.QuietAsync();
        Assert.Single(server.Wallet.For(unknown.RechargeId));
    }

    [Fact]
    public async Task AbandonedChallenge_FailsAndGivesTheLimitBack()
    {
        await using var server = await PaymentCoreServer.StartAsync(new(FastReconciler));
        var request = Requests.Create("sandbox_3ds");

        var waiting = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        var expired = await EventuallyAsync(server, waiting.RechargeId, r => r.Status != RechargeStatus.RequiresAction);
        Assert.Equal(RechargeStatus.Failed, expired.Status);
        Assert.Equal("action_expired", expired.Failure.Code);
        var limits = await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = request.UserId, RegionCode = "US" });
        Assert.Equal(0, Assert.Single(limits.Limits, l => l.Name == "user_amount_24h").AmountUsed.MinorUnits);
        Assert.Empty(server.Wallet.For(waiting.RechargeId));
    }

    private static Task<Recharge> EventuallyAsync(PaymentCoreServer server, string rechargeId, Func<Recharge, bool> settled) =>
        Eventually.ReturnsAsync(
            async () => (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = rechargeId })).Recharge,
            settled,
            TimeSpan.FromSeconds(15));
}
