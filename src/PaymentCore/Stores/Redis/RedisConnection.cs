using Microsoft.Extensions.Options;
using PaymentCore.Modes;
using PaymentCore.Telemetry;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The one multiplexer of the process. It is created without waiting for Redis
/// (AbortOnConnectFail off), so PaymentCore starts while Redis is down, answers UNAVAILABLE,
/// reports NOT_SERVING and recovers by itself when Redis is back.
/// </summary>
/// <remarks>
/// Commands fail at once while the connection is down (BacklogPolicy.FailFast) instead of waiting
/// in the client's backlog for their timeout: with the default backlog, each Redis call of the first
/// CreateRecharge after Redis died waited out the command timeout (5 s by default) in turn before
/// the caller got UNAVAILABLE, and the health check waited it out before saying NOT_SERVING:
/// longer than a caller's deadline. Failing fast loses nothing: every mutating RPC is retried by
/// its caller under the same idempotency key.
/// Reconnects are tried from 250 ms on, backing off to 2 s, so PaymentCore serves again within
/// about two seconds of Redis coming back.
/// </remarks>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;

    /// <param name="metrics">Reports the connection's state on /metrics; none when the connection is made outside the host.</param>
    public RedisConnection(IOptions<RedisOptions> options, IOptions<ModeOptions> mode, RedisMetrics? metrics = null)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2000);
        configuration.ClientName ??= "paymentcore";
        _multiplexer = ConnectionMultiplexer.Connect(configuration);
        metrics?.Watch(_multiplexer);
        Keys = new RedisKeys(options.Value.KeyPrefix, mode.Value.Mode.Name());
    }

    public IDatabase Database => _multiplexer.GetDatabase();

    public RedisKeys Keys { get; }

    /// <summary>Pub/sub (its own connection, resubscribed by the client after a reconnect).</summary>
    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    /// <summary>A connection to Redis is back after it failed (messages published meanwhile were lost).</summary>
    public event EventHandler<ConnectionFailedEventArgs> ConnectionRestored
    {
        add => _multiplexer.ConnectionRestored += value;
        remove => _multiplexer.ConnectionRestored -= value;
    }

    /// <summary>The primaries (every node of a cluster holding slots; the one server otherwise), for walks over the whole keyspace.</summary>
    public IReadOnlyList<IServer> Primaries => _multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();

    public void Dispose() => _multiplexer.Dispose();
}
