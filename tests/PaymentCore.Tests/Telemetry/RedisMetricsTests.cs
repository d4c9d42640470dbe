using System.Text.RegularExpressions;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Telemetry;

/// <summary>paymentcore_redis_connected and paymentcore_redis_connection_failures_total follow the connection to Redis.</summary>
[Collection(MetricsCollection.Name)]
public sealed class RedisMetricsTests
{
    [Fact]
    public async Task RedisConnected_DropsToZeroWhenRedisDies_CountsTheFailure_AndReturnsToOne()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await PaymentCoreServer.StartAsync(RedisSettings.For(redis.Endpoint));
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        await server.Recharges.CreateRechargeAsync(Requests.Create());
        var before = await ScrapeAsync(http, text => Connected(text) == 1);
        Assert.Equal(0, Failures(before));

        redis.Kill();
        var down = await ScrapeAsync(http, text => Connected(text) == 0);
        Assert.True(Failures(down) >= 1, down);

        await redis.StartAgainAsync();
        await ScrapeAsync(http, text => Connected(text) == 1);
    }

    private static Task<string> ScrapeAsync(HttpClient http, Func<string, bool> until) =>
        Eventually.ReturnsAsync(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), until, TimeSpan.FromSeconds(20));

    private static long? Connected(string metrics) => Value(metrics, "paymentcore_redis_connected");

    private static long? Failures(string metrics) => Value(metrics, "paymentcore_redis_connection_failures_total");

    private static long? Value(string metrics, string name) =>
        Regex.Match(metrics, $"^{name}(?:\\{{[^}}]*\\}})? (?<value>\\d+)", RegexOptions.Multiline) is { Success: true } m
            ? long.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
