using PaymentCore.Adapters;
using PaymentCore.Recharges;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Recharges for tests: a sample for pure recharge logic (each test changes what it is about), and drafts as the orchestrator makes them, for tests of the stores.</summary>
public static class SampleRecharge
{
    public static Recharge In(RechargeStatus status, DateTimeOffset at) => new()
    {
        RechargeId = "rch_x",
        UserId = "u",
        RegionCode = "US",
        Livemode = false,
        Status = status,
        Amount = new Money("USD", 99),
        Coins = 100,
        BonusCoins = 10,
        Gateway = "sandbox",
        MethodType = PaymentMethodType.Sandbox,
        CreatedAt = at,
        UpdatedAt = at,
    };

    /// <summary>A PROCESSING sandbox recharge of coins_500 for <paramref name="user"/>, not stored yet (version 0).</summary>
    public static Recharge Draft(string user, DateTimeOffset now) => In(RechargeStatus.Processing, now) with
    {
        RechargeId = RechargeId.New(user, now),
        UserId = user,
        Amount = new Money("USD", 499),
        Coins = 500,
        BonusCoins = 25,
        PackageId = "coins_500",
    };
}
