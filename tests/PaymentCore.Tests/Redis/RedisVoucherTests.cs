using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Redis;

/// <summary>Vouchers issued over gRPC into Redis and spent through CreateRecharge, on the real host.</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisVoucherTests(RedisSingleNodeFixture redis)
{
    [Fact]
    public async Task IssuedVoucher_BuysAPackageOfItsPrice_AndTheWalletIsCreditedOverGrpc()
    {
        await using var wallet = await ReferenceWalletServer.StartAsync();
        var settings = RedisSettings.For(redis.Configuration);
        settings["Wallets:Endpoints:0"] = wallet.Url;
        await using var server = await PaymentCoreServer.StartAsync(settings);
        var issued = await server.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 3));
        var user = Requests.NewUser("voucher");

        var bought = (await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(issued.Codes[1], user: user))).Recharge;

        Assert.Equal(
            (RechargeStatus.Succeeded, "voucher", PaymentMethodType.Voucher, 499L, 525L),
            (bought.Status, bought.Gateway, bought.PaymentMethodType, bought.Amount.MinorUnits, bought.Coins + bought.BonusCoins));
        await Eventually.ReturnsAsync(() => Task.FromResult(wallet.Ledger.BalanceOf(user)), balance => balance == 525);
        var credit = Assert.Single(wallet.Ledger.Applied, e => e.RechargeId == bought.RechargeId);
        Assert.Equal(RechargeEventType.Credit, credit.Type);
    }

    [Fact]
    public async Task OneCode_100ConcurrentPurchases_ExactlyOneSucceeds()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration));

        await VoucherRace.RunAsync(server);
    }
}

/// <summary>The same race with vouchers spread over a Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterVoucherTests(RedisClusterFixture redis)
{
    [Fact]
    public async Task OneCode_100ConcurrentPurchases_ExactlyOneSucceeds()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration));

        await VoucherRace.RunAsync(server);
    }
}
