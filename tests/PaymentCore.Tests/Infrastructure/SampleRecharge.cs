using PaymentCore.Adapters;
using PaymentCore.Recharges;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>A recharge of 100 + 10 coins for USD 0.99 through the Sandbox, for tests of pure recharge logic; each test changes what it is about.</summary>
public static class SampleRecharge
{
    public static Recharge In(RechargeStatus status, DateTimeOffset at) => new()
    {
        RechargeId = "rch_x",
        UserId = "u",
        RegionCode = "US",
        Status = status,
        Amount = new Money("USD", 99),
        Coins = 100,
        BonusCoins = 10,
        Gateway = "sandbox",
        MethodType = PaymentMethodType.Sandbox,
        CreatedAt = at,
        UpdatedAt = at,
    };
}
