using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// A real redis-server process on 127.0.0.1 with AOF on, in a data directory of its own that
/// survives restarts of the process. Tests that kill Redis fsync every write (appendfsync always,
/// so a kill loses nothing acknowledged); the others fsync every second, as production does.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _cluster;
    private readonly bool _fsyncEveryWrite;
    private Process? _process;

    private RedisServer(int port, string directory, bool cluster, bool fsyncEveryWrite)
    {
        Port = port;
        _directory = directory;
        _cluster = cluster;
        _fsyncEveryWrite = fsyncEveryWrite;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(bool cluster = false, bool fsyncEveryWrite = false)
    {
        var directory = Directory.CreateTempSubdirectory("paymentcore-redis-").FullName;
        var server = new RedisServer(FreePort.Next(), directory, cluster, fsyncEveryWrite);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the process (SIGKILL) and starts it again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartProcessAsync();
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public Task StartAgainAsync() => StartProcessAsync();

    /// <summary>The value of one field of INFO, e.g. ("commandstats", "cmdstat_evalsha").</summary>
    public async Task<string> InfoAsync(string section)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Endpoint},allowAdmin=true");
        return await connection.GetServer(Endpoint).InfoRawAsync(section) ?? string.Empty;
    }

    public async Task ResetStatsAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Endpoint},allowAdmin=true");
        await connection.GetServer(Endpoint).ConfigResetStatisticsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Run(() => Directory.Delete(_directory, recursive: true));
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var arguments = new List<string>
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--appendonly", "yes", "--appendfsync", _fsyncEveryWrite ? "always" : "everysec", "--save", string.Empty, "--maxmemory-policy", "noeviction",
        };
        if (_cluster)
        {
            arguments.AddRange(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"]);
        }

        arguments.ForEach(start.ArgumentList.Add);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilLoadedAsync();
    }

    private Task WaitUntilLoadedAsync() => Eventually.SucceedsAsync(
        async () =>
        {
            Assert.False(_process!.HasExited, "redis-server exited during startup (is it installed? the README's test command installs it)");
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Endpoint},connectTimeout=500");
            await connection.GetServer(Endpoint).PingAsync();
        },
        e => e is RedisConnectionException or RedisServerException);
}
