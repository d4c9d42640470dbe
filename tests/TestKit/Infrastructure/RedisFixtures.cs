using System.Diagnostics;
using StackExchange.Redis;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>One redis-server for a test collection.</summary>
public sealed class RedisSingleNodeFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public string Configuration => Server.Endpoint;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A Redis Cluster of three masters on loopback, created with redis-cli --cluster create.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly List<RedisServer> _nodes = [];

    public string Configuration => string.Join(",", _nodes.Select(n => n.Endpoint));

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(await RedisServer.StartAsync(cluster: true));
        }

        var create = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--cluster", "create" }.Concat(_nodes.Select(n => n.Endpoint)).Concat(["--cluster-replicas", "0", "--cluster-yes"]))
        {
            create.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(create)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "redis-cli --cluster create failed:\n" + output);
        }

        await WaitUntilClusterOkAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    private async Task WaitUntilClusterOkAsync()
    {
        foreach (var node in _nodes)
        {
            await Eventually.TrueAsync(
                async () => (await node.InfoAsync("cluster")).Contains("cluster_enabled:1", StringComparison.Ordinal) && await ClusterStateOkAsync(node),
                TimeSpan.FromSeconds(30),
                "the Redis cluster did not reach cluster_state:ok");
        }
    }

    private static async Task<bool> ClusterStateOkAsync(RedisServer node)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{node.Endpoint},allowAdmin=true");
        var info = await connection.GetServer(node.Endpoint).ExecuteAsync("CLUSTER", "INFO");
        return ((string?)info ?? string.Empty).Contains("cluster_state:ok", StringComparison.Ordinal);
    }
}
