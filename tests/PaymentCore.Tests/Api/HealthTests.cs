using Grpc.Health.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

public abstract class HealthTests(PaymentCoreServer server)
{
    [Fact]
    public async Task GrpcHealth_IsServing()
    {
        var health = new Health.HealthClient(server.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task GrpcLiveness_IsServing_AndAnUnknownServiceIsNotFound()
    {
        var health = new Health.HealthClient(server.Channel);

        var liveness = await health.CheckAsync(new HealthCheckRequest { Service = "liveness" });
        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, liveness.Status);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task HttpHealth_IsHealthyOnThePlainHttpPort()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };

        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class HealthInMemoryTests(PaymentCoreServer server) : HealthTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class HealthRedisTests(RedisApiServer redis) : HealthTests(redis.Server), IClassFixture<RedisApiServer>;
