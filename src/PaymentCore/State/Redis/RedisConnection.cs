using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PaymentCore.State.Redis;

/// <summary>
/// The one multiplexer of the process. It is created without waiting for Redis
/// (AbortOnConnectFail off), so PaymentCore starts while Redis is down, answers UNAVAILABLE,
/// reports NOT_SERVING and recovers by itself when Redis is back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "paymentcore";
        _multiplexer = ConnectionMultiplexer.Connect(configuration);
        Keys = new RedisKeys(options.Value.KeyPrefix);
    }

    public IDatabase Database => _multiplexer.GetDatabase();

    public RedisKeys Keys { get; }

    public void Dispose() => _multiplexer.Dispose();
}
