using System.Net;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Telemetry;

/// <summary>Readiness follows Redis; liveness does not.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_FlipsToUnhealthyWhenRedisDies_AndBackWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await PaymentCoreServer.StartAsync(new() { ["Redis:Configuration"] = redis.Endpoint });
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, "/healthz/ready"));

        redis.Kill();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await EventuallyAsync(http, "/healthz/ready", HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, "/healthz/live"));

        await redis.StartAgainAsync();

        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(http, "/healthz/ready", HttpStatusCode.OK));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string path) =>
        (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="wanted"/>; returns that answer.</summary>
    private static Task<HttpStatusCode> EventuallyAsync(HttpClient http, string path, HttpStatusCode wanted) =>
        Eventually.ReturnsAsync(() => StatusOfAsync(http, path), status => status == wanted);
}
