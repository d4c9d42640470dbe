using HdrHistogram;

namespace PaymentCore.LoadGen;

/// <summary>
/// Latency histograms in microseconds (HdrHistogram, 3 significant digits: under 0.1 % error) up to
/// an hour; a longer call counts as an hour. One per worker, merged at the end, so recording
/// neither allocates nor contends.
/// </summary>
public static class Latencies
{
    private const long HighestMicroseconds = 3_600_000_000;

    public static LongHistogram New() => new(HighestMicroseconds, numberOfSignificantValueDigits: 3);

    public static void Record(this LongHistogram histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 0, HighestMicroseconds));

    /// <summary>The value at <paramref name="percentile"/> (0-100), never above the largest recorded (0 when none was).</summary>
    public static long Percentile(this LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Min(histogram.GetValueAtPercentile(percentile), histogram.GetMaxValue());

    /// <summary>The largest value recorded (0 when none was).</summary>
    public static long Max(this LongHistogram histogram) => histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue();
}
