using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>The recharge flows end to end through gRPC on the real host.</summary>
public abstract class RechargeFlowTests(PaymentCoreServer server)
{
    [Fact]
    public async Task ListPackages_ZeroDecimalRegion_PricesInWholeYen()
    {
        var response = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" });

        Assert.Equal("JPY", response.Currency);
        Assert.Equal(TaxDisplay.Inclusive, response.TaxDisplay);
        var small = Assert.Single(response.Packages, p => p.PackageId == "coins_100");
        Assert.Equal(new Money { Currency = "JPY", MinorUnits = 160 }, small.Price);
        Assert.Equal(160, small.PricePer100Coins.MinorUnits);
        var large = Assert.Single(response.Packages, p => p.PackageId == "coins_6500");
        Assert.True(large.PricePer100Coins.MinorUnits < small.PricePer100Coins.MinorUnits, "bigger packages cost less per coin");
        Assert.Equal(["sandbox", "voucher"], response.PaymentMethods);
    }

    [Fact]
    public async Task ListPackages_ThreeDecimalRegion_PricesInFils()
    {
        var response = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "KW" });

        Assert.Equal("KWD", response.Currency);
        Assert.Equal(300, response.Packages[0].Price.MinorUnits);
    }

    [Fact]
    public async Task CreateRecharge_SandboxOk_SucceedsAndCreditsWalletOnce()
    {
        var request = Requests.Create(region: "DE", package: "coins_1200");

        var recharge = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal(new Money { Currency = "EUR", MinorUnits = 1299 }, recharge.Amount);
        Assert.Equal(1200, recharge.Coins);
        Assert.Equal(100, recharge.BonusCoins);
        Assert.Equal("sandbox", recharge.Gateway);
        Assert.Equal(PaymentMethodType.Sandbox, recharge.PaymentMethodType);
        Assert.Null(recharge.Failure);
        var events = await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == recharge.RechargeId));
        var credit = Assert.Single(events, e => e.RechargeId == recharge.RechargeId);
        Assert.Equal($"{recharge.RechargeId}:credit", credit.EventId);
        Assert.Equal(1300, credit.Coins);
        Assert.Equal(request.UserId, credit.UserId);
    }

    [Theory]
    [InlineData("sandbox_decline_card_declined", "card_declined")]
    [InlineData("sandbox_decline_insufficient_funds", "insufficient_funds")]
    public async Task CreateRecharge_Declined_IsFailedRechargeNotError(string token, string code)
    {
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create(token))).Recharge;

        Assert.Equal(RechargeStatus.Failed, recharge.Status);
        Assert.Equal(code, recharge.Failure.Code);
        Assert.NotEmpty(recharge.Failure.Message);
        await server.QuietAsync();
        Assert.Empty(server.Wallet.For(recharge.RechargeId));
    }

    [Fact]
    public async Task CreateRecharge_ThreeDSecure_RequiresActionThenConfirmSucceeds()
    {
        var created = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_3ds"))).Recharge;

        Assert.Equal(RechargeStatus.RequiresAction, created.Status);
        Assert.Equal(NextActionType.RedirectToUrl, created.NextAction.Type);
        Assert.StartsWith("https://", created.NextAction.RedirectUrl, StringComparison.Ordinal);
        Assert.Empty(server.Wallet.For(created.RechargeId));

        var confirm = new ConfirmRechargeRequest { IdempotencyKey = "confirm-1", RechargeId = created.RechargeId };
        var confirmed = (await server.Recharges.ConfirmRechargeAsync(confirm)).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        Assert.Null(confirmed.NextAction);
        var events = await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == created.RechargeId));
        Assert.Single(events, e => e.RechargeId == created.RechargeId);
    }

    [Fact]
    public async Task ConfirmRecharge_Retried_ReplaysAndNewKeyIsRefused()
    {
        var created = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_3ds"))).Recharge;
        var confirm = new ConfirmRechargeRequest { IdempotencyKey = "confirm-once", RechargeId = created.RechargeId };
        var first = (await server.Recharges.ConfirmRechargeAsync(confirm)).Recharge;

        var retry = server.Recharges.ConfirmRechargeAsync(confirm);
        var replay = (await retry).Recharge;

        Assert.Equal(first, replay);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        var otherKey = new ConfirmRechargeRequest { IdempotencyKey = "confirm-twice", RechargeId = created.RechargeId };
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "RECHARGE_NOT_CONFIRMABLE", () =>
            server.Recharges.ConfirmRechargeAsync(otherKey).ResponseAsync);
        var events = await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == created.RechargeId));
        Assert.Single(events, e => e.RechargeId == created.RechargeId);
    }

    [Fact]
    public async Task ConfirmRecharge_SucceededRecharge_IsNotConfirmable()
    {
        var created = (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "RECHARGE_NOT_CONFIRMABLE", () =>
            server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "c", RechargeId = created.RechargeId }).ResponseAsync);
    }

    [Fact]
    public async Task CreateRecharge_Timeout_IsUnknownAndCreditsNothing()
    {
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_timeout"))).Recharge;

        Assert.Equal(RechargeStatus.Unknown, recharge.Status);
        await server.QuietAsync();
        Assert.Empty(server.Wallet.For(recharge.RechargeId));
    }

    [Fact]
    public async Task CreateRecharge_GatewayUnreachable_FailsWithNothingCharged()
    {
        var before = server.Sandbox.ChargeCount;

        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_unavailable"))).Recharge;

        Assert.Equal(RechargeStatus.Failed, recharge.Status);
        Assert.Equal("gateway_unavailable", recharge.Failure.Code);
        Assert.Equal(before, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task CreateRecharge_MethodWithoutConfiguredGateway_IsNotAvailable()
    {
        var request = Requests.Create();
        request.PaymentMethod = new PaymentMethod { Card = new CardMethod { GatewayToken = "pm_card_visa" } };

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PAYMENT_METHOD_NOT_AVAILABLE", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);
    }

    [Fact]
    public async Task CreateRecharge_WalletTheRegionListsWithoutStripeConfigured_IsNotAvailable()
    {
        var request = Requests.Create(region: "JP");
        request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay } };

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PAYMENT_METHOD_NOT_AVAILABLE", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        Assert.Contains("wechat_pay", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecharge_ReadsBackWhatHappened()
    {
        var created = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined"))).Recharge;

        var read = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = created.RechargeId })).Recharge;

        Assert.Equal(created, read);
    }

    [Fact]
    public async Task GetRecharge_UnknownId_IsNotFound()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound, "RECHARGE_NOT_FOUND", () =>
            server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = "rch_00" + new string('0', 32) }).ResponseAsync);
    }

    [Fact]
    public async Task ListRecharges_PagesThroughEveryRechargeNewestFirst()
    {
        var user = "pager-" + Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge.RechargeId);
        }

        var listed = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user, PageSize = 3, PageToken = token });
            Assert.True(page.Recharges.Count <= 3);
            listed.AddRange(page.Recharges.Select(r => r.RechargeId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(Enumerable.Reverse(created), listed);
    }

    [Fact]
    public async Task ListRecharges_UnknownUser_IsEmpty()
    {
        var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = "nobody-" + Guid.NewGuid().ToString("N") });

        Assert.Empty(page.Recharges);
        Assert.Empty(page.NextPageToken);
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class RechargeFlowInMemoryTests(PaymentCoreServer server) : RechargeFlowTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class RechargeFlowRedisTests(RedisApiServer redis) : RechargeFlowTests(redis.Server), IClassFixture<RedisApiServer>;
