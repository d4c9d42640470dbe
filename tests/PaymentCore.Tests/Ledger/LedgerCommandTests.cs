using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Recharges;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Ledger;

/// <summary><c>PaymentCore ledger migrate</c> and <c>ledger backfill</c>, run as an operator runs them: the built binary.</summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerCommandTests(LedgerFixture fixture)
{
    private const string Snapshot = """
        select coalesce(string_agg(recharge_id || ':' || version || ':' || status || ':' || md5(document::text), ',' order by recharge_id), '')
          || '|' || (select count(*) from recharge_versions)
        from recharges
        """;

    [Fact]
    public async Task Migrate_AppliesEveryMigrationOnce()
    {
        var database = await fixture.Postgres.CreateDatabaseAsync();

        var first = await PaymentCoreProcess.RunCommandAsync(["ledger", "migrate", $"--Ledger:ConnectionString={database}"]);
        var second = await PaymentCoreProcess.RunCommandAsync(["ledger", "migrate", $"--Ledger:ConnectionString={database}"]);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("applied 0001_ledger", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("ledger: up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WithoutAConnectionString_Refuses()
    {
        var run = await PaymentCoreProcess.RunCommandAsync(["ledger", "migrate"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Ledger:ConnectionString is not set", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Ledger:BatchSize=0", "Ledger:BatchSize must be between 1 and 10000, not 0.")]
    [InlineData("--Ledger:HotRetention=00:00:00", "Ledger:HotRetention must be positive")]
    [InlineData("--InMemoryStore:SettledCapacity=0", "SettledCapacity")]
    public async Task BadLedgerSettings_RefuseTheStart_NamingTheField(string setting, string refusal)
    {
        var run = await PaymentCoreProcess.RunCommandAsync(["--Ledger:ConnectionString=Host=127.0.0.1;Database=none", setting]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(refusal, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_CopiesWhatRedisHolds_AndTwiceGivesTheSameLedger()
    {
        // An installation that ran without a ledger: settled, refunded and waiting recharges in Redis only.
        var settings = Redis.RedisSettings.For(fixture.Redis.Endpoint);
        var ids = new List<string>();
        await using (var server = await PaymentCoreServer.StartAsync(settings))
        {
            for (var i = 0; i < 12; i++)
            {
                ids.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(token: i % 4 == 3 ? "sandbox_3ds" : "sandbox_ok"))).Recharge.RechargeId);
            }

            await server.Recharges.RefundRechargeAsync(new PaymentCore.Api.V1.RefundRechargeRequest { IdempotencyKey = "r", RechargeId = ids[0], Reason = "test" });
            // Without a ledger nothing is appended for one: today's behaviour.
            var redis = server.Services.GetRequiredService<RedisConnection>();
            Assert.False(await redis.Database.KeyExistsAsync(redis.Keys.LedgerStream(RechargeId.ShardOf(ids[0]) is var shard ? shard : 0)));
        }

        await using var ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);
        string[] backfill = ["ledger", "backfill", .. settings.Select(s => $"--{s.Key}={s.Value}"), $"--Ledger:ConnectionString={ledger.ConnectionString}"];

        var first = await PaymentCoreProcess.RunCommandAsync(backfill);
        var afterFirst = await ledger.ScalarAsync<string>(Snapshot);
        var second = await PaymentCoreProcess.RunCommandAsync(backfill);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("ledger: 12 recharges copied from Redis", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(afterFirst, await ledger.ScalarAsync<string>(Snapshot));
        Assert.Equal(12L, await ledger.ScalarAsync<long>("select count(*) from recharges where recharge_id = any(@ids)", ("ids", ids.ToArray())));
        Assert.Equal("REFUNDED", await ledger.ScalarAsync<string>("select status from recharges where recharge_id = @id", ("id", ids[0])));
        Assert.Equal(1L, await ledger.CountAsync("refunds", ids[0]));
    }
}
