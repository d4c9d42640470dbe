using Grpc.Health.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

public sealed class HealthTests(PaymentCoreServer server) : IClassFixture<PaymentCoreServer>
{
    [Fact]
    public async Task GrpcHealth_IsServing()
    {
        var health = new Health.HealthClient(server.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
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
