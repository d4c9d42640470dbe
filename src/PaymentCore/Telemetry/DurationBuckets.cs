using System.Diagnostics.Metrics;

namespace PaymentCore.Telemetry;

/// <summary>
/// Bucket boundaries, in seconds, of every duration histogram. OpenTelemetry's default boundaries
/// (0, 5, 10, 25 … 10 000) are meant for milliseconds: in seconds they would put every call in the
/// first few buckets. These resolve a Redis-only call (a few ms), a healthy gateway (100-500 ms),
/// a slow one, and the 30 s gateway request timeout.
/// </summary>
public static class DurationBuckets
{
    public static InstrumentAdvice<double> Advice { get; } = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };
}
