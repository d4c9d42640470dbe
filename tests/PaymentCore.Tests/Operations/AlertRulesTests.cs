using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Operations;

/// <summary>The alerting rules are valid for Prometheus and every alert is unit tested with promtool.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public async Task Rules_PassPromtoolCheck()
    {
        var (exitCode, output) = await Promtool.RunAsync(null, "check", "rules", OpsFiles.Rules);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {OpsFiles.Alerts().Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_PassTheirUnitTests()
    {
        var (exitCode, output) = await Promtool.RunAsync(null, "test", "rules", OpsFiles.RuleTests);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAlert_IsUnitTestedFiringAndQuiet()
    {
        var tested = OpsFiles.UnitTestedAlerts();

        Assert.NotEmpty(OpsFiles.Alerts());
        Assert.All(OpsFiles.Alerts(), alert =>
        {
            Assert.True(tested.TryGetValue(alert.Name, out var cases), $"{alert.Name} has no unit test in {OpsFiles.RuleTests}");
            Assert.True(cases.Firing, $"no unit test of {alert.Name} expects it firing");
            Assert.True(cases.Quiet, $"no unit test of {alert.Name} expects it quiet");
        });
    }

    [Fact]
    public async Task PrometheusConfig_OfComposeLoadsTheRules()
    {
        var (exitCode, output) = await Promtool.RunAsync(null, "check", "config", OpsFiles.PrometheusConfig);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
    }
}
