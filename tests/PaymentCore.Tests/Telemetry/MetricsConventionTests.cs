using System.Text.RegularExpressions;
using Grpc.Core;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Ledger;
using PaymentCore.Tests.Operations;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Telemetry;

/// <summary>
/// A PaymentCore on Redis with a ledger (PostgreSQL) after some traffic of every kind the dashboard
/// shows: successes, a decline, a 3-D Secure recharge the reconciler leaves waiting for its payer, a
/// limit refusal, deliveries to the wallet and versions drained to the ledger. Scraped once the
/// reconciler, the dispatcher and the drainer have reported.
/// </summary>
public sealed class ScrapedTraffic : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private PostgresServer _postgres = null!;
    private PaymentCoreServer _server = null!;

    public string Metrics { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _postgres = await PostgresServer.StartAsync();
        var settings = LedgerSettings.For(_redis.Endpoint, await _postgres.CreateDatabaseAsync()).WithDailyAmountLimit("10.00");
        settings["Reconciler:Interval"] = "00:00:00.2";
        settings["Reconciler:After"] = "00:00:00.5";
        _server = await PaymentCoreServer.StartAsync(settings);

        var paid = (await _server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;
        await _server.Recharges.CreateRechargeAsync(Requests.Create());
        await _server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined"));
        await _server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_3ds"));
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await _server.Recharges.CreateRechargeAsync(Requests.Create(package: "coins_1200")));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        await _server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == paid.RechargeId));

        using var http = new HttpClient { BaseAddress = _server.HttpAddress };
        Metrics = await Eventually.ReturnsAsync(
            () => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => Regex.IsMatch(text, """paymentcore_reconciler_backlog\{[^}]*status="REQUIRES_ACTION"[^}]*\} 1""")
                && Regex.IsMatch(text, """paymentcore_outbox_delivered_total\{[^}]*\} [1-9]""")
                && Regex.IsMatch(text, """paymentcore_ledger_drained_total\{[^}]*\} [1-9]""")
                // The dispatcher's maintenance pass (at start, then every 30 s) publishes the backlog and dead-letter levels.
                && text.Contains("paymentcore_outbox_backlog{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
        await _redis.DisposeAsync();
    }
}

/// <summary>/metrics follows Prometheus' conventions, and every metric the alerts and the dashboard name is on it.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsConventionTests(ScrapedTraffic traffic) : IClassFixture<ScrapedTraffic>
{
    [Fact]
    public async Task OwnMetrics_PassPromtoolCheckMetrics()
    {
        // The runtime's meter (System.Runtime) is not ours: its instruments carry OpenTelemetry's
        // semantic-convention names (dotnet.assembly.count, dotnet.timer.count …), which promtool
        // reads as summary suffixes ("_count"). They are the runtime's names, dashboards everywhere
        // use them, so they are left out of the check rather than renamed.
        var ours = new MetricsText(traffic.Metrics).WithoutScope("System.Runtime");

        var (exitCode, output) = await Promtool.RunAsync(ours, "check", "metrics");

        Assert.True(exitCode == 0 && output.Trim().Length == 0, "promtool check metrics:\n" + output);
        Assert.Contains("paymentcore_gateway_duration_seconds_bucket", ours, StringComparison.Ordinal);
        Assert.Contains("rpc_server_duration_seconds_bucket", ours, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_", ours, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_AreInSeconds_WithBucketsFromMillisecondsToTheGatewayTimeout()
    {
        Assert.DoesNotContain("_milliseconds", traffic.Metrics, StringComparison.Ordinal);
        Assert.Matches("""paymentcore_gateway_duration_seconds_bucket\{[^}]*gateway="sandbox"[^}]*le="0.005"[^}]*\}""", traffic.Metrics);
        Assert.Matches("""paymentcore_gateway_duration_seconds_bucket\{[^}]*gateway="sandbox"[^}]*le="30"[^}]*\}""", traffic.Metrics);
        Assert.Matches("""rpc_server_duration_seconds_bucket\{[^}]*rpc_method="CreateRecharge"[^}]*le="0.005"[^}]*\}""", traffic.Metrics);
    }

    [Fact]
    public void EveryMetricTheAlertsAndTheDashboardName_IsOnMetrics()
    {
        var named = OpsFiles.Alerts().Select(a => a.Expression).Concat(OpsFiles.DashboardExpressions())
            .SelectMany(PromQl.MetricNames)
            .ToHashSet(StringComparer.Ordinal);
        // "up" is Prometheus' own record of each scrape (PaymentCoreDown), never on /metrics.
        named.Remove("up");
        var exported = new MetricsText(traffic.Metrics).SampleNames;

        Assert.Contains("paymentcore_recharges_total", named);
        Assert.Contains("paymentcore_reconciler_oldest_age_seconds", named);
        Assert.Contains("paymentcore_ledger_drain_lag_seconds", named);
        Assert.Empty(named.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Recharges_AreCountedByStatusGatewayRegionAndMethod_AndGatewayCallsByOutcome()
    {
        Assert.Matches("""paymentcore_recharges_total\{[^}]*gateway="sandbox",method="sandbox",mode="test",region="US",status="SUCCEEDED"[^}]*\} 2""", traffic.Metrics);
        Assert.Matches("""paymentcore_recharges_total\{[^}]*status="FAILED"[^}]*\} 1""", traffic.Metrics);
        Assert.Matches("""paymentcore_gateway_duration_seconds_count\{[^}]*gateway="sandbox"[^}]*outcome="declined"[^}]*\} 1""", traffic.Metrics);
        Assert.Matches("""paymentcore_gateway_duration_seconds_count\{[^}]*gateway="sandbox"[^}]*outcome="succeeded"[^}]*\} 2""", traffic.Metrics);
        Assert.Matches("""paymentcore_limit_rejections_total\{[^}]*limit="user_amount_24h"[^}]*\} 1""", traffic.Metrics);
    }

    [Fact]
    public void ReconcilerBacklog_ShowsTheRechargeWaitingForItsPayer_AndZeroForTheOtherStatuses()
    {
        Assert.Matches("""paymentcore_reconciler_backlog\{[^}]*status="UNKNOWN"[^}]*\} 0""", traffic.Metrics);
        var oldest = Regex.Match(traffic.Metrics, """paymentcore_reconciler_oldest_age_seconds\{[^}]*status="REQUIRES_ACTION"[^}]*\} (?<seconds>\S+)""");
        Assert.True(oldest.Success, traffic.Metrics);
        Assert.InRange(double.Parse(oldest.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.5, 60);
        Assert.Matches("""paymentcore_reconciler_passes_total\{[^}]*result="completed"[^}]*\} [1-9]""", traffic.Metrics);
        Assert.Matches("""paymentcore_redis_connected\{[^}]*\} 1""", traffic.Metrics);
    }

    [Fact]
    public void Ledger_CountsDrainedVersions_StartsFailuresAtZero_AndMeasuresItsLag()
    {
        Assert.Matches("""paymentcore_ledger_drained_total\{[^}]*\} [1-9]""", traffic.Metrics);
        Assert.Matches("""paymentcore_ledger_drain_failures_total\{[^}]*\} 0""", traffic.Metrics);
        var lag = Regex.Match(traffic.Metrics, """paymentcore_ledger_drain_lag_seconds\{[^}]*\} (?<seconds>\S+)""");
        Assert.True(lag.Success, traffic.Metrics);
        Assert.InRange(double.Parse(lag.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 60);
    }
}
