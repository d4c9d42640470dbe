using PaymentCore.Api.V1;
using CoinEventType = PaymentCore.Recharges.CoinEventType;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Reading a recharge back from a host, and the one-credit and no-credit checks the payment suites end with.</summary>
public static class RechargeChecks
{
    public static async Task<Recharge> ReadAsync(this PaymentCoreServer server, Recharge recharge) =>
        (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = recharge.RechargeId })).Recharge;

    /// <summary>The wallet heard of the recharge exactly once, a credit of all its coins, and nothing more is on its way.</summary>
    public static async Task AssertCreditedOnceAsync(this PaymentCoreServer server, Recharge recharge)
    {
        await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == recharge.RechargeId));
        await server.QuietAsync();
        var credit = Assert.Single(server.Wallet.For(recharge.RechargeId));
        Assert.Equal((CoinEventType.Credit, recharge.Coins + recharge.BonusCoins), (credit.Type, credit.Coins));
    }

    /// <summary>Once nothing is left to deliver, the wallet has heard nothing of the recharge.</summary>
    public static async Task AssertNothingCreditedAsync(this PaymentCoreServer server, Recharge recharge)
    {
        await server.QuietAsync();
        Assert.Empty(server.Wallet.For(recharge.RechargeId));
    }
}
