using Grpc.Core;
using Grpc.Health.V1;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Redis;

/// <summary>The guarantees of DESIGN.md, tried hard through gRPC on the real host backed by a real redis-server.</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisRechargeTests(RedisSingleNodeFixture redis)
{
    [Fact]
    public async Task DuplicateStorm_100ConcurrentCallsWithOneKey_ChargeExactlyOnce()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration));
        var request = Requests.Create();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted && e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "IDEMPOTENCY_IN_PROGRESS")
            {
                return "in-progress";
            }
        }));

        Assert.Single(answers.Where(a => a != "in-progress").Distinct());
        Assert.Equal(1, server.Sandbox.ChargeCount);
        var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = request.UserId });
        Assert.Equal(RechargeStatus.Succeeded, Assert.Single(page.Recharges).Status);
        await server.Wallet.WaitForAsync(events => events.Count == 1);
        await server.QuietAsync();
        Assert.Single(server.Wallet.Received);
    }

    [Fact]
    public async Task ConcurrentSpending_200RechargesOfOneUser_NeverExceedTheDailyLimit()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration).WithDailyAmountLimit("50.00"));
        var user = "spender-" + Guid.NewGuid().ToString("N")[..8];
        var tokens = new[] { "sandbox_ok", "sandbox_ok", "sandbox_ok", "sandbox_decline_insufficient_funds" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(Requests.Create(tokens[i % tokens.Length], user: user))).Recharge;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return null;
            }
        }));

        var succeeded = outcomes.Where(r => r?.Status == RechargeStatus.Succeeded).ToList();
        var spent = succeeded.Sum(r => r!.Amount.MinorUnits);
        Assert.InRange(spent, 499, 5000);
        Assert.Equal(succeeded.Count, server.Sandbox.ChargeCount);
        Assert.Contains(outcomes, r => r is null);

        // Declined attempts gave their reservations back: what is used is exactly what was paid.
        var limits = await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = user, RegionCode = "US" });
        var daily = Assert.Single(limits.Limits, l => l.Name == "user_amount_24h");
        Assert.Equal(spent, daily.AmountUsed.MinorUnits);
        Assert.Equal(5000 - spent, daily.AmountRemaining.MinorUnits);
    }

    [Fact]
    public async Task UserLimitRace_ManyFreshRequestsOfOneUser_ExactlyTheLimitPasses_AndOnlyTheyAreCounted()
    {
        const int Allowed = 5;
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration).WithDailyCountLimit(Allowed));
        var user = "racer-" + Guid.NewGuid().ToString("N")[..8];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge.Status.ToString();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return "refused:" + e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata["limit"];
            }
        }));

        Assert.Equal(Allowed, outcomes.Count(o => o == nameof(RechargeStatus.Succeeded)));
        Assert.All(outcomes.Where(o => o != nameof(RechargeStatus.Succeeded)), o => Assert.Equal("refused:user_count_24h", o));
        Assert.Equal(Allowed, server.Sandbox.ChargeCount);
        Assert.Equal(Allowed, (await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user, PageSize = 100 })).Recharges.Count);
        var limits = await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = user, RegionCode = "US" });
        Assert.Equal(Allowed, Assert.Single(limits.Limits, l => l.Name == "user_count_24h").CountUsed);
    }

    [Fact]
    public async Task LimitExceeded_NamesTheLimitAndSaysWhenToRetry()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration).WithDailyAmountLimit("5.00"));
        var first = Requests.Create();
        await server.Recharges.CreateRechargeAsync(first);

        var status = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED", () =>
            server.Recharges.CreateRechargeAsync(Requests.Create(user: first.UserId)).ResponseAsync);

        var info = status.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("user_amount_24h", info.Metadata["limit"]);
        Assert.Equal("P1D", info.Metadata["window"]);
        var retry = status.GetDetail<Google.Rpc.RetryInfo>();
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task LimitRefusal_IsNotSaved_SameKeyWorksOnceTheLimitAllows()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration).WithDailyAmountLimit("5.00"));
        var user = "budget-" + Guid.NewGuid().ToString("N")[..8];
        var refused = Requests.Create(user: user, package: "coins_1200");
        await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED", () => server.Recharges.CreateRechargeAsync(refused).ResponseAsync);

        var smaller = Requests.Create(user: user, package: "coins_100", key: refused.IdempotencyKey);
        var recharge = (await server.Recharges.CreateRechargeAsync(smaller)).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user });
        Assert.Single(page.Recharges);
    }

    [Fact]
    public async Task ServerRestartBetweenRetries_ReplayStillComesBack()
    {
        var prefix = RedisSettings.NewPrefix();
        var request = Requests.Create();
        CreateRechargeResponse first;
        await using (var before = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration, prefix)))
        {
            first = await before.Recharges.CreateRechargeAsync(request);
        }

        await using var after = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration, prefix));
        var retry = after.Recharges.CreateRechargeAsync(request);

        Assert.Equal(first, await retry);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        Assert.Equal(0, after.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task SpendingBudget_LoweredAtOnceRaisedLater_AndEnforced()
    {
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration));
        var user = "careful-" + Guid.NewGuid().ToString("N")[..8];

        var lowered = await server.Recharges.SetSpendingBudgetAsync(new SetSpendingBudgetRequest
        {
            UserId = user,
            MonthlyBudget = new Money { Currency = "USD", MinorUnits = 600 },
        });
        var raised = await server.Recharges.SetSpendingBudgetAsync(new SetSpendingBudgetRequest
        {
            UserId = user,
            MonthlyBudget = new Money { Currency = "USD", MinorUnits = 90000 },
        });

        Assert.Equal(600, lowered.EffectiveBudget.MinorUnits);
        Assert.Null(lowered.PendingBudget);
        Assert.Equal(600, raised.EffectiveBudget.MinorUnits);
        Assert.Equal(90000, raised.PendingBudget.MinorUnits);
        Assert.True(raised.PendingEffectiveAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_500"));
        await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED", () =>
            server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_500")).ResponseAsync);
        var limits = await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = user, RegionCode = "US" });
        var budget = Assert.Single(limits.Limits, l => l.UserBudget);
        Assert.Equal(499, budget.AmountUsed.MinorUnits);
        Assert.Equal(101, budget.AmountRemaining.MinorUnits);
    }

    [Fact]
    public async Task HotPath_SuccessfulRechargeCostsTwoScriptRoundTripsOnTheUserShard()
    {
        await using var dedicated = await RedisServer.StartAsync();
        var settings = RedisSettings.For(dedicated.Endpoint).WithDailyAmountLimit("1000.00");
        await using var server = await PaymentCoreServer.StartAsync(settings);
        await server.Recharges.CreateRechargeAsync(Requests.Create());
        await dedicated.ResetStatsAsync();

        const int Recharges = 20;
        for (var i = 0; i < Recharges; i++)
        {
            await server.Recharges.CreateRechargeAsync(Requests.Create());
        }

        var stats = await dedicated.InfoAsync("commandstats");
        var scripts = CommandCalls(stats, "evalsha");
        // One limit key (the user) is configured: per recharge one begin, which reserves the user's
        // limit key in the same script (the first round trip), then one commit (the second round trip).
        // No EVAL: scripts are cached. (Commands run inside scripts are counted by Redis too, so only
        // script calls are compared.)
        Assert.Equal(2 * Recharges, scripts);
        Assert.Equal(0, CommandCalls(stats, "eval"));
    }

    /// <summary>
    /// The caller's calls carry an ordinary deadline: the answer while Redis is down must be
    /// UNAVAILABLE within it (a caller that sees DEADLINE_EXCEEDED cannot tell "nothing was
    /// charged"), and the health check must say NOT_SERVING within it too.
    /// </summary>
    [Fact]
    public async Task RedisDown_MutationsAreUnavailableWithinTheCallersDeadline_NothingIsChargedAndServiceRecovers()
    {
        await using var dedicated = await RedisServer.StartAsync(fsyncEveryWrite: true);
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(dedicated.Endpoint));
        var health = new Health.HealthClient(server.Channel);
        await server.Recharges.CreateRechargeAsync(Requests.Create());
        var charges = server.Sandbox.ChargeCount;

        dedicated.Kill();

        await RpcAssert.FailsWith(StatusCode.Unavailable, "STORE_UNAVAILABLE", () =>
            server.Recharges.CreateRechargeAsync(Requests.Create(), deadline: CallerDeadline()).ResponseAsync);
        Assert.Equal(charges, server.Sandbox.ChargeCount);
        Assert.Equal(
            HealthCheckResponse.Types.ServingStatus.NotServing,
            (await health.CheckAsync(new HealthCheckRequest(), deadline: CallerDeadline())).Status);
        // The liveness service checks no dependency: a probe on it does not restart a replica for Redis' outage.
        Assert.Equal(
            HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new HealthCheckRequest { Service = "liveness" }, deadline: CallerDeadline())).Status);

        await dedicated.StartAgainAsync();

        var recovered = await Eventually(() => server.Recharges.CreateRechargeAsync(Requests.Create()).ResponseAsync);
        Assert.Equal(RechargeStatus.Succeeded, recovered.Recharge.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    private static long CommandCalls(string commandStats, string command)
    {
        var line = commandStats.Split('\n').FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A deadline callers of a payment API commonly set, well under the Redis client's 5 s command timeout.</summary>
    private static DateTime CallerDeadline() => DateTime.UtcNow.AddSeconds(3);

    private static Task<T> Eventually<T>(Func<Task<T>> call) =>
        Infrastructure.Eventually.SucceedsAsync(call, e => e is RpcException { StatusCode: StatusCode.Unavailable });
}
