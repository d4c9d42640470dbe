using System.Text.Json;
using PaymentCore.Tests.Infrastructure;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PaymentCore.Tests.Operations;

/// <summary>One alerting rule of ops/prometheus/alerts.yml.</summary>
public sealed record AlertRule(string Name, string Expression, IReadOnlyDictionary<string, string> Annotations);

/// <summary>The operations files (Prometheus rules and their unit tests, the Grafana dashboard), read as their tools read them.</summary>
public static class OpsFiles
{
    public const string Rules = "ops/prometheus/alerts.yml";
    public const string RuleTests = "ops/prometheus/alerts.test.yml";
    public const string PrometheusConfig = "ops/prometheus/prometheus.yml";
    public const string Dashboard = "ops/grafana/paymentcore.json";
    public const string Runbook = "docs/runbook.md";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static IReadOnlyList<AlertRule> Alerts() =>
        Read<RuleFile>(Rules).Groups
            .SelectMany(g => g.Rules)
            .Where(r => r.Alert is not null)
            .Select(r => new AlertRule(r.Alert!, r.Expr, r.Annotations))
            .ToList();

    /// <summary>Per alert name, whether some unit test expects it firing, and whether some expects it quiet.</summary>
    public static IReadOnlyDictionary<string, (bool Firing, bool Quiet)> UnitTestedAlerts() =>
        Read<RuleTestFile>(RuleTests).Tests
            .SelectMany(t => t.AlertRuleTest)
            .GroupBy(c => c.Alertname, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Any(c => c.ExpAlerts.Count > 0), g.Any(c => c.ExpAlerts.Count == 0)), StringComparer.Ordinal);

    /// <summary>Every query of every panel, rows' nested panels included.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of(Dashboard)));
        return Panels(dashboard.RootElement)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    public static T Read<T>(string relativePath) => Yaml.Deserialize<T>(File.ReadAllText(RepositoryPaths.Of(relativePath)));

    private static IEnumerable<JsonElement> Panels(JsonElement parent) =>
        parent.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p)).ToList()
            : [];

    private sealed class RuleFile
    {
        public List<RuleGroup> Groups { get; set; } = [];
    }

    private sealed class RuleGroup
    {
        public List<Rule> Rules { get; set; } = [];
    }

    private sealed class Rule
    {
        public string? Alert { get; set; }

        public string Expr { get; set; } = string.Empty;

        public Dictionary<string, string> Annotations { get; set; } = [];
    }

    private sealed class RuleTestFile
    {
        public List<RuleTest> Tests { get; set; } = [];
    }

    private sealed class RuleTest
    {
        public List<AlertCase> AlertRuleTest { get; set; } = [];
    }

    private sealed class AlertCase
    {
        public string Alertname { get; set; } = string.Empty;

        public List<object> ExpAlerts { get; set; } = [];
    }
}
