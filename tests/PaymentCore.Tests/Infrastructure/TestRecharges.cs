using PaymentCore.Adapters;
using PaymentCore.Recharges;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Recharges as the orchestrator drafts them, for tests of the stores below it.</summary>
public static class TestRecharges
{
    /// <summary>A PROCESSING sandbox recharge of coins_500 for <paramref name="user"/>, not stored yet (version 0).</summary>
    public static Recharge Draft(string user, DateTimeOffset now) => new()
    {
        RechargeId = RechargeId.New(user, now),
        UserId = user,
        RegionCode = "US",
        Livemode = false,
        Status = RechargeStatus.Processing,
        Amount = new Money("USD", 499),
        Coins = 500,
        BonusCoins = 25,
        PackageId = "coins_500",
        Gateway = "sandbox",
        MethodType = PaymentMethodType.Sandbox,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
