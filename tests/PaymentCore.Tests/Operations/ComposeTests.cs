using PaymentCore.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace PaymentCore.Tests.Operations;

/// <summary>
/// compose.yaml cannot be brought up here (no Docker), so what can rot without it is checked:
/// every file it mounts from ops/ exists, and Prometheus and Grafana find what they are configured to read.
/// </summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<string, List<string>> Mounts = ReadMounts();

    [Fact]
    public void EveryMountedOpsFile_Exists()
    {
        var sources = Mounts.Values.SelectMany(m => m).Select(m => m.Split(':')[0]).Where(s => s.StartsWith("./ops/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Path.Exists(RepositoryPaths.Of(source[2..])), $"compose.yaml mounts {source}, which does not exist"));
    }

    [Fact]
    public void Prometheus_HasTheRulesBesideItsConfig_AndGrafanaTheDashboardWhereItsProviderLooks()
    {
        Assert.Contains($"./{OpsFiles.PrometheusConfig}:/etc/prometheus/prometheus.yml:ro", Mounts["prometheus"]);
        Assert.Contains($"./{OpsFiles.Rules}:/etc/prometheus/alerts.yml:ro", Mounts["prometheus"]);
        Assert.Contains($"./{OpsFiles.Dashboard}:/var/lib/grafana/dashboards/paymentcore.json:ro", Mounts["grafana"]);
        Assert.Contains("./ops/grafana/provisioning:/etc/grafana/provisioning:ro", Mounts["grafana"]);
        Assert.Contains("path: /var/lib/grafana/dashboards", File.ReadAllText(RepositoryPaths.Of("ops/grafana/provisioning/dashboards/paymentcore.yml")), StringComparison.Ordinal);
        Assert.Contains("uid: prometheus", File.ReadAllText(RepositoryPaths.Of("ops/grafana/provisioning/datasources/prometheus.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void PaymentCore_ReachesRedisAndTheLedger_ByTheirServiceNames_AndWaitsForBoth()
    {
        var paymentCore = (Dictionary<object, object>)Services()["paymentcore"];
        var environment = (Dictionary<object, object>)paymentCore["environment"];
        var dependsOn = ((Dictionary<object, object>)paymentCore["depends_on"]).Keys.Cast<string>().ToList();

        Assert.StartsWith("redis:", (string)environment["Redis__Configuration"], StringComparison.Ordinal);
        Assert.StartsWith("Host=ledger;", (string)environment["Ledger__ConnectionString"], StringComparison.Ordinal);
        Assert.True(Services().ContainsKey("ledger"));
        Assert.Equal(["redis", "ledger"], dependsOn);
    }

    private static Dictionary<object, object> Services() =>
        (Dictionary<object, object>)new DeserializerBuilder().IgnoreUnmatchedProperties().Build()
            .Deserialize<Dictionary<string, object>>(File.ReadAllText(RepositoryPaths.Of("compose.yaml")))["services"];

    private static Dictionary<string, List<string>> ReadMounts() =>
        Services().ToDictionary(
            s => (string)s.Key,
            s => ((Dictionary<object, object>)s.Value).TryGetValue("volumes", out var volumes)
                ? ((List<object>)volumes).Select(v => (string)v).ToList()
                : [],
            StringComparer.Ordinal);
}
