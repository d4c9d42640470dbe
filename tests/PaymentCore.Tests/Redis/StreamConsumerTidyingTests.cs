using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using StackExchange.Redis;

namespace PaymentCore.Tests.Redis;

/// <summary>
/// Every process reads the outbox and the ledger streams under a consumer name of its own, so
/// replicas that stopped or died leave names behind; the claim passes forget those that hold
/// nothing, and never one that still holds entries (forgetting it would drop them).
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class StreamConsumerTidyingTests(RedisSingleNodeFixture redis) : IAsyncLifetime
{
    private const string Group = "wallet";
    private readonly RedisKey _stream = "tidy-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer _connection = null!;

    private IDatabase Database => _connection.GetDatabase();

    public async Task InitializeAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await Database.StreamCreateConsumerGroupAsync(_stream, Group, "0-0", createStream: true);
        for (var i = 0; i < 6; i++)
        {
            await Database.StreamAddAsync(_stream, "n", i);
        }
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task IdleConsumersHoldingNothing_AreForgotten_ThoseHoldingEntriesAndTheCallerStay()
    {
        // "stopped" and the caller read two entries each and acknowledged them; "died" read two and never did.
        await ReadAndAcknowledgeAsync("stopped");
        await Database.StreamReadGroupAsync(_stream, Group, "died", ">", 2);
        await ReadAndAcknowledgeAsync("self");
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        var forgotten = await RedisStreamGroups.ForgetIdleConsumersAsync(Database, _stream, Group, "self", TimeSpan.FromMilliseconds(20));

        Assert.Equal(1, forgotten);
        var left = await Database.StreamConsumerInfoAsync(_stream, Group);
        Assert.Equal(["died", "self"], left.Select(c => c.Name.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, left.Single(c => c.Name == "died").PendingMessageCount);
    }

    [Fact]
    public async Task ConsumersIdleForLessThanTheBound_Stay()
    {
        await ReadAndAcknowledgeAsync("recent");

        var forgotten = await RedisStreamGroups.ForgetIdleConsumersAsync(Database, _stream, Group, "self", TimeSpan.FromMinutes(5));

        Assert.Equal(0, forgotten);
        Assert.Single(await Database.StreamConsumerInfoAsync(_stream, Group), c => c.Name == "recent");
    }

    [Fact]
    public async Task AStreamWithoutTheGroup_HasNothingToForget()
    {
        var forgotten = await RedisStreamGroups.ForgetIdleConsumersAsync(Database, "tidy-missing-" + Guid.NewGuid().ToString("N"), Group, "self", TimeSpan.Zero);

        Assert.Equal(0, forgotten);
    }

    private async Task ReadAndAcknowledgeAsync(string consumer)
    {
        var read = await Database.StreamReadGroupAsync(_stream, Group, consumer, ">", 2);
        Assert.Equal(2, read.Length);
        await Database.StreamAcknowledgeAsync(_stream, Group, read.Select(e => e.Id).ToArray());
    }
}
