using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Fraud;

/// <summary>Fraud rules in the recharge flow, through gRPC on the real host.</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class FraudScreeningTests(RedisSingleNodeFixture redis) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paymentcore-rules-").FullName;

    [Fact]
    public async Task BlockRule_FailsTheRechargeNamesTheRuleToTheCallerAndChargesNothing()
    {
        var rules = Write("rules.txt", "block_big_jp: block if :region: = 'JP' and :amount_usd: > 5");
        await using var server = await PaymentCoreServer.StartAsync(new() { ["FraudRules:Path"] = rules });

        var blocked = (await server.Recharges.CreateRechargeAsync(Requests.Create(region: "JP", package: "coins_500"))).Recharge;
        var allowed = (await server.Recharges.CreateRechargeAsync(Requests.Create(region: "JP", package: "coins_100"))).Recharge;

        Assert.Equal(RechargeStatus.Failed, blocked.Status);
        Assert.Equal("risk_blocked", blocked.Failure.Code);
        Assert.DoesNotContain("block_big_jp", blocked.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(RiskAction.Block, blocked.Risk.Action);
        Assert.Equal("block_big_jp", blocked.Risk.DecidingRuleId);
        Assert.Equal(["block_big_jp"], blocked.Risk.FiredRuleIds);
        Assert.Equal(RechargeStatus.Succeeded, allowed.Status);
        Assert.Equal(RiskAction.Allow, allowed.Risk.Action);
        Assert.Equal(1, server.Sandbox.ChargeCount);
        var stored = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = blocked.RechargeId })).Recharge;
        Assert.Equal(blocked.Risk, stored.Risk);
    }

    [Fact]
    public async Task FactsOfOneRecharge_NeverCarryOverToTheNext()
    {
        // The facts are reused from recharge to recharge on a thread. A fact set only when the caller
        // gives it (the account's age) must be missing again for the next recharge, which gives none.
        var rules = Write("rules.txt", "block_new_accounts: block if :account_age_days: < 7");
        await using var server = await PaymentCoreServer.StartAsync(new() { ["FraudRules:Path"] = rules });

        var statuses = new List<(RechargeStatus NewAccount, RechargeStatus AgeUnknown)>();
        for (var i = 0; i < 20; i++)
        {
            var newAccount = Requests.Create();
            newAccount.Risk = new RiskContext { AccountCreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)) };
            statuses.Add((
                (await server.Recharges.CreateRechargeAsync(newAccount)).Recharge.Status,
                (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge.Status));
        }

        Assert.All(statuses, s => Assert.Equal((RechargeStatus.Failed, RechargeStatus.Succeeded), s));
    }

    [Fact]
    public async Task VelocityRule_ReadsTheRedisCountersOfTheLimitsCheck()
    {
        await using var server = await RedisServerWithRulesAsync("block_burst: block if :attempts_per_user_10m: >= 2");
        var user = "burst-" + Guid.NewGuid().ToString("N")[..8];

        var first = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined", user: user))).Recharge;
        var second = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;
        var third = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;

        Assert.Equal(RechargeStatus.Failed, first.Status);
        Assert.Equal(RechargeStatus.Succeeded, second.Status);
        Assert.Equal(RechargeStatus.Failed, third.Status);
        Assert.Equal("block_burst", third.Risk.DecidingRuleId);
    }

    [Fact]
    public async Task DeclinesRule_BlocksTheThirdAttemptAfterTwoGatewayDeclines()
    {
        await using var server = await RedisServerWithRulesAsync("block_declined_user: block if :declines_per_user_1h: >= 2");
        var user = Requests.NewUser("declines");

        var first = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined", user: user))).Recharge;
        var second = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined", user: user))).Recharge;
        var third = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;

        Assert.Equal(["card_declined", "card_declined"], new[] { first.Failure.Code, second.Failure.Code });
        Assert.Equal(RiskAction.Allow, second.Risk.Action);
        Assert.Equal(RechargeStatus.Failed, third.Status);
        Assert.Equal("risk_blocked", third.Failure.Code);
        Assert.Equal("block_declined_user", third.Risk.DecidingRuleId);
        Assert.Equal(0, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task DeclinesRule_CountsGatewayDeclinesNotAttemptsBlockedByRules()
    {
        await using var server = await RedisServerWithRulesAsync("""
            block_big: block if :amount_usd: > 10
            block_declined_user: block if :declines_per_user_1h: >= 1
            """);
        var user = Requests.NewUser("declines");

        var blocked = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_1200"))).Recharge;
        var afterBlock = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;
        var declined = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined", user: user))).Recharge;
        var afterDecline = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;

        Assert.Equal("block_big", blocked.Risk.DecidingRuleId);
        Assert.Equal(RechargeStatus.Succeeded, afterBlock.Status);
        Assert.Equal("card_declined", declined.Failure.Code);
        Assert.Equal("block_declined_user", afterDecline.Risk.DecidingRuleId);
    }

    [Fact]
    public async Task DistinctInstrumentsRule_BlocksAFourthInstrumentFromOneDevice()
    {
        await using var server = await RedisServerWithRulesAsync("block_card_hopping: block if :distinct_instruments_per_device_24h: > 2");
        var user = Requests.NewUser("hopper");
        var device = "device-" + Guid.NewGuid().ToString("N");

        // Declined and unfinished attempts count too: each tried an instrument.
        var tried = new List<Recharge>();
        foreach (var token in new[] { "sandbox_ok", "sandbox_decline_insufficient_funds", "sandbox_3ds", "sandbox_decline_card_declined" })
        {
            tried.Add((await server.Recharges.CreateRechargeAsync(FromDevice(Requests.Create(token, user: user), device))).Recharge);
        }

        var otherDevice = (await server.Recharges.CreateRechargeAsync(FromDevice(Requests.Create(user: user), "device-" + Guid.NewGuid().ToString("N")))).Recharge;

        Assert.Equal(
            [RechargeStatus.Succeeded, RechargeStatus.Failed, RechargeStatus.RequiresAction, RechargeStatus.Failed],
            tried.Select(r => r.Status));
        Assert.All(tried.Take(3), r => Assert.Equal(RiskAction.Allow, r.Risk.Action));
        Assert.Equal("block_card_hopping", tried[3].Risk.DecidingRuleId);
        Assert.Equal("risk_blocked", tried[3].Failure.Code);
        Assert.Equal(RechargeStatus.Succeeded, otherDevice.Status);
    }

    [Fact]
    public async Task ChargesRule_CountsPaymentsThatWentThroughNotDeclines()
    {
        await using var server = await RedisServerWithRulesAsync("block_third_purchase: block if :charges_per_user_1h: >= 2");
        var user = Requests.NewUser("buyer");

        var statuses = new List<RechargeStatus>();
        foreach (var token in new[] { "sandbox_ok", "sandbox_decline_card_declined", "sandbox_ok", "sandbox_ok" })
        {
            statuses.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(token, user: user))).Recharge.Status);
        }

        // The third attempt follows two attempts but only one charge; the fourth follows two charges.
        Assert.Equal([RechargeStatus.Succeeded, RechargeStatus.Failed, RechargeStatus.Succeeded, RechargeStatus.Failed], statuses);
        Assert.Equal(2, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task ReviewRule_StepsThePaymentUpToThreeDSecure()
    {
        var rules = Write("rules.txt", "review_new_accounts: review if :account_age_days: < 7");
        await using var server = await PaymentCoreServer.StartAsync(new() { ["FraudRules:Path"] = rules });
        var request = Requests.Create();
        request.Risk = new RiskContext { AccountCreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)) };

        var stepped = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var confirmed = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "c1", RechargeId = stepped.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.RequiresAction, stepped.Status);
        Assert.Equal(RiskAction.Review, stepped.Risk.Action);
        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        Assert.Equal(RiskAction.Review, confirmed.Risk.Action);
    }

    [Fact]
    public async Task DryRunRules_AreRecordedButNotEnforced()
    {
        var dryRun = Write("candidate.txt", "block_everything: block if :amount_usd: > 0");
        await using var server = await PaymentCoreServer.StartAsync(new() { ["FraudRules:DryRunPath"] = dryRun });

        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal(RiskAction.Allow, recharge.Risk.Action);
        Assert.Equal(RiskAction.Block, recharge.Risk.DryRunAction);
        Assert.Equal(["block_everything"], recharge.Risk.DryRunFiredRuleIds);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CreateRechargeRequest FromDevice(CreateRechargeRequest request, string device)
    {
        request.Risk = new RiskContext { DeviceId = device };
        return request;
    }

    /// <summary>A server on the shared Redis (a key prefix of its own) enforcing <paramref name="rules"/>.</summary>
    private Task<PaymentCoreServer> RedisServerWithRulesAsync(string rules)
    {
        var settings = RedisSettings.For(redis.Configuration);
        settings["FraudRules:Path"] = Write("rules.txt", rules);
        return PaymentCoreServer.StartAsync(settings);
    }

    private string Write(string name, string rules)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, rules + "\n");
        return path;
    }
}
