namespace PaymentCore.Tests.Operations;

/// <summary>The metric-name reader the existence test relies on: it must find every metric and nothing else.</summary>
public sealed class PromQlTests
{
    [Fact]
    public void MetricNames_AreTheSelectorsOnly_NotFunctionsLabelsStringsOrDurations()
    {
        var names = PromQl.MetricNames("""
            histogram_quantile(0.95, sum by (gateway, le) (rate(a_seconds_bucket{outcome=~"not_reached|unknown", le!="x"}[5m])))
            / on (gateway) group_left max without (instance) (b_total offset 5m) > 0.05
            and c unless sum(rate(d_total[$__rate_interval])) > bool 1
            """);

        Assert.Equal(["a_seconds_bucket", "b_total", "c", "d_total"], names.Order(StringComparer.Ordinal));
    }
}
