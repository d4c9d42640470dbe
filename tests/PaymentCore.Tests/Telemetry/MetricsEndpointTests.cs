using System.Net;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Telemetry;

/// <summary>
/// Metrics are exported per process and every in-process server of the test run feeds them, so
/// tests that count run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics (run alone)";
}

/// <summary>After a few recharges, the Prometheus endpoint on the HTTP port shows them.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests(PaymentCoreServer server) : IClassFixture<PaymentCoreServer>
{
    [Fact]
    public async Task Metrics_AfterRecharges_ShowRechargesPerStatusAndGatewayAndRpcLatency()
    {
        await server.Recharges.CreateRechargeAsync(Requests.Create());
        await server.Recharges.CreateRechargeAsync(Requests.Create());
        await server.Recharges.CreateRechargeAsync(Requests.Create(token: "sandbox_decline_card_declined"));
        using var http = new HttpClient { BaseAddress = server.HttpAddress };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Matches("""paymentcore_recharges_total\{[^}]*gateway="sandbox"[^}]*status="SUCCEEDED"[^}]*\} 2""", metrics);
        Assert.Matches("""paymentcore_recharges_total\{[^}]*gateway="sandbox"[^}]*status="FAILED"[^}]*\} 1""", metrics);
        Assert.Matches("""rpc_server_duration_seconds_count\{[^}]*rpc_grpc_status_code="OK"[^}]*rpc_method="CreateRecharge"[^}]*\} 3""", metrics);
        Assert.Matches("""paymentcore_fraud_decisions_total\{[^}]*action="allow"[^}]*\} 3""", metrics);
        Assert.Matches("""paymentcore_gateway_duration_seconds_count\{[^}]*gateway="sandbox"[^}]*outcome="succeeded"[^}]*\} 2""", metrics);
        Assert.Matches("""paymentcore_gateway_duration_seconds_count\{[^}]*gateway="sandbox"[^}]*outcome="declined"[^}]*\} 1""", metrics);
    }

    [Fact]
    public async Task Metrics_AreNotServedOnTheGrpcPort()
    {
        using var http = new HttpClient
        {
            BaseAddress = server.GrpcAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The outbox's delivery metrics, on a server of their own.</summary>
[Collection(MetricsCollection.Name)]
public sealed class OutboxMetricsTests(PaymentCoreServer server) : IClassFixture<PaymentCoreServer>
{
    [Fact]
    public async Task Metrics_ShowTheOutboxDeliveriesAndBacklog()
    {
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;
        await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == recharge.RechargeId));
        using var http = new HttpClient { BaseAddress = server.HttpAddress };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Matches("""paymentcore_outbox_delivered_total\{[^}]*wallet="recording"[^}]*\} [1-9]""", metrics);
    }
}
