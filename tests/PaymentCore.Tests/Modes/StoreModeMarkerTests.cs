using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// A store remembers the mode that last started on it: the other mode refuses to start on it
/// (the built binary, naming the override), unless told to take it over with Redis:AllowModeSwitch.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class StoreModeMarkerTests(RedisSingleNodeFixture redis)
{
    [Theory]
    [InlineData("test", "live")]
    [InlineData("live", "test")]
    public async Task OtherMode_RefusesToStartOnTheStore_UntilToldToTakeItOver_ThenTheFirstModeIsRefused(string first, string second)
    {
        var prefix = RedisSettings.NewPrefix();
        await using (await PaymentCoreProcess.StartAsync(Settings(prefix, first)))
        {
        }

        var refused = await RunAsync(Settings(prefix, second));
        await using (var takenOver = await PaymentCoreProcess.StartAsync([.. Settings(prefix, second), $"--{StoreModeMarker.OverrideKey}=true"]))
        {
            await takenOver.WaitForOutputAsync($"taken over from mode {first} by mode {second}");
        }

        var firstAgain = await RunAsync(Settings(prefix, first));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"PaymentCore refuses to start: Mode: '{second}' refuses the Redis store (Redis:KeyPrefix '{prefix}'): it was last written by a '{first}' process; set Redis:AllowModeSwitch=true", refused.Output, StringComparison.Ordinal);
        Assert.Equal(1, firstAgain.ExitCode);
        Assert.Contains($"Mode: '{first}' refuses the Redis store (Redis:KeyPrefix '{prefix}'): it was last written by a '{second}' process", firstAgain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameMode_RestartsOnItsStore_AndOtherPrefixesAreOtherStores()
    {
        var prefix = RedisSettings.NewPrefix();
        await using (await PaymentCoreProcess.StartAsync(Settings(prefix, "live")))
        {
        }

        await using var again = await PaymentCoreProcess.StartAsync(Settings(prefix, "live"));
        await using var elsewhere = await PaymentCoreProcess.StartAsync(Settings(RedisSettings.NewPrefix(), "test"));

        Assert.False(again.HasExited);
        Assert.False(elsewhere.HasExited);
    }

    /// <summary>Two processes of different modes starting at once on a fresh store: exactly one starts, and the store carries its mode.</summary>
    [Fact]
    public async Task BothModesStartingAtOnce_OnAFreshStore_OnlyOneStarts()
    {
        var prefix = RedisSettings.NewPrefix();

        var starts = await Task.WhenAll(TryStartAsync(Settings(prefix, "test"), "test"), TryStartAsync(Settings(prefix, "live"), "live"));

        try
        {
            var started = Assert.Single(starts, s => s.Process is not null);
            using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            Assert.Equal(started.Mode, (string?)await connection.GetDatabase().StringGetAsync($"{prefix}:mode"));
        }
        finally
        {
            foreach (var (_, process) in starts)
            {
                if (process is not null)
                {
                    await process.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// Redis down when a process of the other mode starts: it starts (answering UNAVAILABLE, as
    /// always), checks the marker as soon as Redis is back, and then stops with exit code 1.
    /// </summary>
    [Fact]
    public async Task RedisDownAtStartup_TheMarkerIsCheckedOnceRedisAnswers_AndTheOtherModeStops()
    {
        await using var dedicated = await RedisServer.StartAsync(fsyncEveryWrite: true);
        var prefix = RedisSettings.NewPrefix();
        await using (await PaymentCoreProcess.StartAsync(Settings(prefix, "live", dedicated.Endpoint)))
        {
        }

        dedicated.Kill();
        await using var test = await PaymentCoreProcess.StartAsync(Settings(prefix, "test", dedicated.Endpoint));
        await test.WaitForOutputAsync("Redis unreachable at startup");
        Assert.False(test.HasExited);
        await dedicated.StartAgainAsync();

        await test.WaitForOutputAsync($"Mode: 'test' refuses the Redis store (Redis:KeyPrefix '{prefix}')", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => test.HasExited);
        Assert.Equal(1, test.ExitCode);
    }

    private string[] Settings(string prefix, string mode, string? endpoint = null) =>
        [$"--Redis:Configuration={endpoint ?? redis.Configuration}", $"--Redis:KeyPrefix={prefix}", $"--Mode={mode}"];

    private static Task<(int ExitCode, string Output)> RunAsync(string[] settings) =>
        PaymentCoreProcess.RunCommandAsync([$"--Grpc:Url=http://127.0.0.1:{FreePort.Next()}", $"--Http:Url=http://127.0.0.1:{FreePort.Next()}", .. settings]);

    /// <summary>The process, or null when it exited during startup (PaymentCoreProcess fails the start then).</summary>
    private static async Task<(string Mode, PaymentCoreProcess? Process)> TryStartAsync(string[] settings, string mode)
    {
        try
        {
            return (mode, await PaymentCoreProcess.StartAsync(settings));
        }
        catch (Xunit.Sdk.XunitException)
        {
            return (mode, null);
        }
    }
}
