using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Api;

/// <summary>
/// The real host on a redis-server of its own: the second store every gRPC API suite runs on (an
/// abstract suite with one subclass per store, as the conformance suites do).
/// </summary>
public sealed class RedisApiServer : IAsyncLifetime
{
    private RedisServer? _redis;

    public PaymentCoreServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Server = await PaymentCoreServer.StartAsync(RedisSettings.For(_redis.Endpoint));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _redis!.DisposeAsync();
    }
}
