using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Telemetry;

/// <summary>A caller over its rate gets RESOURCE_EXHAUSTED / RATE_LIMITED with RetryInfo; health checks are never limited.</summary>
public sealed class RateLimitingTests
{
    [Fact]
    public async Task ACallerOverItsRate_IsRefusedWithRetryInfo()
    {
        await using var server = await PaymentCoreServer.StartAsync(new()
        {
            ["RateLimiting:PermitLimit"] = "3",
            ["RateLimiting:Window"] = "00:01:00",
        });
        var request = new ListPackagesRequest { RegionCode = "US" };
        for (var i = 0; i < 3; i++)
        {
            await server.Recharges.ListPackagesAsync(request);
        }

        var status = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "RATE_LIMITED", async () =>
            await server.Recharges.ListPackagesAsync(request));
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());

        var retry = status.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal("anonymous", status.GetDetail<ErrorInfo>().Metadata["caller"]);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
