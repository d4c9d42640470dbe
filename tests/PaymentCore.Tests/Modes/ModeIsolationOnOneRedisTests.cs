using Grpc.Core;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// A test-mode and a live-mode PaymentCore pointed at one Redis under one key prefix by mistake
/// (the live one told to take the store over): each sees only its own idempotency keys, limits,
/// outbox and vouchers, because the mode is part of every key.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class ModeIsolationOnOneRedisTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private StripeStub _stripe = null!;
    private PaymentCoreServer _test = null!;
    private PaymentCoreServer _live = null!;

    public async Task InitializeAsync()
    {
        // 10.00 USD a day per user: two 4.99 packages fit, a third does not.
        var shared = RedisSettings.For(redis.Configuration).WithDailyAmountLimit("10.00");
        _stripe = await StripeStub.StartAsync();
        _test = await PaymentCoreServer.StartAsync(ModeSettings.Test().On(shared));
        var live = ModeSettings.Live(_stripe).On(shared);
        live["Redis:AllowModeSwitch"] = "true";
        _live = await PaymentCoreServer.StartAsync(live);
    }

    public async Task DisposeAsync()
    {
        await _live.DisposeAsync();
        await _test.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task OneIdempotencyKey_InBothModes_IsTwoRecharges_EachReplayingItsOwn()
    {
        var user = Requests.NewUser();
        var key = Guid.NewGuid().ToString();

        // Concurrently, so neither can be the other's replay or in-progress claim by timing.
        var created = await Task.WhenAll(
            _test.Recharges.CreateRechargeAsync(Requests.Create(user: user, key: key)).ResponseAsync,
            _live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user, key: key)).ResponseAsync);
        var testReplay = await _test.Recharges.CreateRechargeAsync(Requests.Create(user: user, key: key));
        var liveReplay = await _live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user, key: key));

        var (test, live) = (created[0].Recharge, created[1].Recharge);
        Assert.NotEqual(test.RechargeId, live.RechargeId);
        Assert.Equal((RechargeStatus.Succeeded, false), (test.Status, test.Livemode));
        Assert.Equal((RechargeStatus.Succeeded, true), (live.Status, live.Livemode));
        Assert.Equal(test.RechargeId, testReplay.Recharge.RechargeId);
        Assert.Equal(live.RechargeId, liveReplay.Recharge.RechargeId);
        await RpcAssert.FailsWith(StatusCode.NotFound, "RECHARGE_NOT_FOUND",
            () => _test.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = live.RechargeId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, "RECHARGE_NOT_FOUND",
            () => _live.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = test.RechargeId }).ResponseAsync);
    }

    [Fact]
    public async Task Limits_SpentInTestMode_LeaveTheLiveLimitsUntouched()
    {
        var user = Requests.NewUser();
        await _live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user));
        await _test.Recharges.CreateRechargeAsync(Requests.Create(user: user));
        await _test.Recharges.CreateRechargeAsync(Requests.Create(user: user));

        await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED",
            () => _test.Recharges.CreateRechargeAsync(Requests.Create(user: user)).ResponseAsync);
        var liveDaily = await DailyAsync(_live, user);
        var testDaily = await DailyAsync(_test, user);
        var second = (await _live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user))).Recharge;

        Assert.Equal(499, liveDaily.AmountUsed.MinorUnits);
        Assert.Equal(998, testDaily.AmountUsed.MinorUnits);
        Assert.Equal(RechargeStatus.Succeeded, second.Status);
    }

    [Fact]
    public async Task Outbox_EachModesWalletGetsOnlyItsOwnEvents()
    {
        var user = Requests.NewUser();
        var test = (await _test.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;
        var live = (await _live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user))).Recharge;

        // Each dispatcher delivered its own credit; the events of one user are in one shard's stream
        // per mode, so had the streams been shared each would have delivered both by now.
        await _test.Wallet.WaitForAsync(r => r.Any(e => e.RechargeId == test.RechargeId));
        await _live.Wallet.WaitForAsync(r => r.Any(e => e.RechargeId == live.RechargeId));

        Assert.All(_test.Wallet.Received, e => Assert.False(e.Livemode));
        Assert.All(_live.Wallet.Received, e => Assert.True(e.Livemode));
        Assert.DoesNotContain(_live.Wallet.Received, e => e.RechargeId == test.RechargeId);
        Assert.DoesNotContain(_test.Wallet.Received, e => e.RechargeId == live.RechargeId);
    }

    /// <summary>A voucher issued in test mode does not pay in live mode, and stays unspent for test mode.</summary>
    [Fact]
    public async Task TestVoucher_IsRefusedInLiveMode_AndStillPaysInTestMode()
    {
        var code = (await _test.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Codes.Single();

        var inLive = (await _live.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(code))).Recharge;
        var inTest = (await _test.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(code))).Recharge;

        Assert.Equal(RechargeStatus.Failed, inLive.Status);
        Assert.True(inLive.Livemode);
        Assert.Equal(RechargeStatus.Succeeded, inTest.Status);
        Assert.DoesNotContain(_live.Wallet.Received, e => e.RechargeId == inLive.RechargeId);
    }

    private static async Task<Limit> DailyAsync(PaymentCoreServer server, string user) =>
        (await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = user, RegionCode = "US" })).Limits.Single(l => l.Name == "user_amount_24h");
}
