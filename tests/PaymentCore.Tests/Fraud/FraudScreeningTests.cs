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
    public async Task VelocityRule_ReadsTheRedisCountersOfTheLimitsCheck()
    {
        var rules = Write("rules.txt", "block_burst: block if :attempts_per_user_10m: >= 2");
        var settings = RedisSettings.For(redis.Configuration);
        settings["FraudRules:Path"] = rules;
        await using var server = await PaymentCoreServer.StartAsync(settings);
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

    private string Write(string name, string rules)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, rules + "\n");
        return path;
    }
}
