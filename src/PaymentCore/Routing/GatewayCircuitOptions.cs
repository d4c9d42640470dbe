using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Routing;

/// <summary>
/// Configuration section <c>Gateways:CircuitBreaker</c>: when a gateway counts as down. One
/// breaker per gateway; a charge that did not reach the gateway or got no answer is a failure.
/// </summary>
public sealed class GatewayCircuitOptions
{
    public const string Section = "Gateways:CircuitBreaker";

    /// <summary>Share of failed charges within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Charges needed in the window before the ratio counts, so two early failures do not open it.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit keeps the gateway out of routing before one trial charge.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
