using Google.Rpc;
using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Redis;

/// <summary>
/// A user's limit counters and an IP address's live in different slots (on a cluster, on different
/// nodes), each reserved by its own script, in parallel. DESIGN.md: reserve-then-compensate, so a
/// refusal on one dimension gives back what the others counted. Raced at the IP limit's boundary.
/// </summary>
public abstract class CrossSlotLimitTests(string configuration)
{
    private const int Users = 40;
    private const int ChargesPerIp = 5;
    private const string SharedIp = "203.0.113.7";

    [Fact]
    public async Task IpLimitRace_ExactlyTheLimitPasses_AndEveryRefusedUserKeepsTheirOwnAllowance()
    {
        await using var server = await PaymentCoreServer.StartAsync(OneChargePerUserAndFivePerIp(RedisSettings.For(configuration)));
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, Users).Select(i => $"ip-race-{run}-{i}").ToList();

        var outcomes = await Task.WhenAll(users.Select(async user =>
        {
            try
            {
                var recharge = (await server.Recharges.CreateRechargeAsync(FromIp(user, SharedIp))).Recharge;
                return (user, recharge.Status.ToString());
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return (user, "refused:" + e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Metadata["limit"]);
            }
        }));

        Assert.Equal(ChargesPerIp, outcomes.Count(o => o.Item2 == nameof(RechargeStatus.Succeeded)));
        Assert.Equal(ChargesPerIp, server.Sandbox.ChargeCount);
        var refused = outcomes.Where(o => o.Item2 != nameof(RechargeStatus.Succeeded)).ToList();
        Assert.All(refused, o => Assert.Equal("refused:ip_charges_10m", o.Item2));

        // Each refused user's own attempt was given back when the IP refused it: their one charge a
        // day is still there, from an address of their own.
        var retried = await Task.WhenAll(refused.Select((o, i) => server.Recharges.CreateRechargeAsync(FromIp(o.user, $"198.51.100.{i + 1}")).ResponseAsync));

        Assert.All(retried, r => Assert.Equal(RechargeStatus.Succeeded, r.Recharge.Status));
        Assert.Equal(Users, server.Sandbox.ChargeCount);
    }

    private static CreateRechargeRequest FromIp(string user, string ip)
    {
        var request = Requests.Create(user: user, package: "coins_100");
        request.Risk = new RiskContext { IpAddress = ip };
        return request;
    }

    private static Dictionary<string, string?> OneChargePerUserAndFivePerIp(Dictionary<string, string?> settings)
    {
        settings["Limits:Tiers:0:Name"] = "test";
        settings["Limits:Tiers:0:Rules:0:Name"] = "user_charges_24h";
        settings["Limits:Tiers:0:Rules:0:Dimension"] = "User";
        settings["Limits:Tiers:0:Rules:0:Measure"] = "Count";
        settings["Limits:Tiers:0:Rules:0:Window"] = "1.00:00:00";
        settings["Limits:Tiers:0:Rules:0:Limit"] = "1";
        settings["Limits:Tiers:0:Rules:1:Name"] = "ip_charges_10m";
        settings["Limits:Tiers:0:Rules:1:Dimension"] = "Ip";
        settings["Limits:Tiers:0:Rules:1:Measure"] = "Count";
        settings["Limits:Tiers:0:Rules:1:Window"] = "00:10:00";
        settings["Limits:Tiers:0:Rules:1:Limit"] = ChargesPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisCrossSlotLimitTests(RedisSingleNodeFixture redis) : CrossSlotLimitTests(redis.Configuration);

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterCrossSlotLimitTests(RedisClusterFixture redis) : CrossSlotLimitTests(redis.Configuration);
