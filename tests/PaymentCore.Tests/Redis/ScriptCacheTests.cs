using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using StackExchange.Redis;

namespace PaymentCore.Tests.Redis;

/// <summary>
/// A Redis server forgets its cached scripts when it restarts or fails over (SCRIPT FLUSH does the
/// same): the next call of each script must load it again instead of failing with NOSCRIPT, for the
/// scripts bound by name (<see cref="LuaScript"/>) and for those run by SHA1 with positional arguments.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class ScriptCacheTests(RedisSingleNodeFixture redis)
{
    [Fact]
    public async Task AfterTheServerForgotItsScripts_NamedAndPositionalScriptsRunAgain()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var database = connection.GetDatabase();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var run = Guid.NewGuid().ToString("N");

        for (var round = 0; round < 3; round++)
        {
            RedisKey recharge = $"scripts-{run}-{round}";
            var restored = (int)await RedisScript.Restore.RunAsync(database, new { recharge, version = 7L, json = "{}", retention = 60_000L });
            // No entry ids to acknowledge: it runs, and starts no expiry.
            var drained = (int)await RedisScript.LedgerDrained.RunAsync(database, [$"{recharge}:stream", $"{recharge}:expiring"], ["ledger", 60_000, 0, 0]);

            Assert.Equal(1, restored);
            Assert.Equal("7", (string?)await database.HashGetAsync(recharge, "v"));
            Assert.Equal(0, drained);
            await server.ScriptFlushAsync();
        }
    }
}
