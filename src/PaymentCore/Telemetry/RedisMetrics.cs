using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace PaymentCore.Telemetry;

/// <summary>
/// Whether the Redis connection is up, and how often it broke. Reported only when Redis is the
/// store (the in-memory store has no connection to lose).
/// </summary>
public sealed class RedisMetrics
{
    private readonly Counter<long> _connectionFailures;
    private volatile IConnectionMultiplexer? _watched;

    public RedisMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PaymentCoreMetrics.MeterName);
        meter.CreateObservableGauge(
            "paymentcore.redis.connected",
            Connected,
            "{connection}",
            "1 while PaymentCore is connected to Redis, 0 while it is not (calls that need the store answer UNAVAILABLE).");
        _connectionFailures = meter.CreateCounter<long>(
            "paymentcore.redis.connection_failures", "{failure}", "Connections to a Redis node that failed or broke (each is retried from 250 ms on).");
    }

    /// <summary>Reports on <paramref name="multiplexer"/>, the one connection of the process.</summary>
    public void Watch(IConnectionMultiplexer multiplexer)
    {
        _watched = multiplexer;
        // Exported at 0 from the start, so rate() and alerts see the series before the first failure.
        _connectionFailures.Add(0);
        multiplexer.ConnectionFailed += (_, _) => _connectionFailures.Add(1);
    }

    private IEnumerable<Measurement<int>> Connected() =>
        _watched is { } multiplexer ? [new Measurement<int>(multiplexer.IsConnected ? 1 : 0)] : [];
}
