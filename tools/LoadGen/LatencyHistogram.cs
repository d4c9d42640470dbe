using System.Numerics;

namespace PaymentCore.LoadGen;

/// <summary>
/// Latencies in microseconds, HDR-style: exact below 128 µs, then 64 linear sub-buckets per power
/// of two (under 1.6 % error). Fixed size, so recording never allocates; one per worker, merged at
/// the end, so recording never contends either.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearBits = 7;
    private const int Linear = 1 << LinearBits;
    private const int SubBuckets = Linear / 2;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[Linear + ((MaxExponent - LinearBits + 1) * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        MaxMicroseconds = Math.Max(MaxMicroseconds, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The smallest recorded value (bucket's upper edge) at or below which <paramref name="fraction"/> of the values lie.</summary>
    public long Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdgeOf(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    private static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var shift = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)value), MaxExponent) - (LinearBits - 1);
        var top = (int)Math.Min(value >> shift, Linear - 1);
        return Linear + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    private static long UpperEdgeOf(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / SubBuckets) + 1;
        var top = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((long)(top + 1) << shift) - 1;
    }
}
