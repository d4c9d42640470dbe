using Microsoft.Extensions.Options;
using PaymentCore.Confirmations;
using PaymentCore.Stores.Redis;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The quiescence probe for a PaymentCore running as its own process (<see cref="PaymentCoreProcess"/>),
/// whose outbox the test cannot observe in process: it reads the wallet's backlog from Redis.
/// </summary>
public static class RedisOutboxProbe
{
    /// <summary>
    /// Returns once the outbox in Redis holds nothing the wallet at <paramref name="walletUrl"/> has
    /// not acknowledged. Call it after the wallet received a first event, so the dispatcher has read
    /// (and so created the consumer group of) every shard.
    /// </summary>
    public static async Task QuietAsync(string redisConfiguration, string keyPrefix, string walletUrl)
    {
        // The process under test runs in the default mode (test), whose keys carry that mode.
        using var connection = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = redisConfiguration, KeyPrefix = keyPrefix }), Options.Create(new PaymentCore.Modes.ModeOptions()));
        using var sink = new GrpcWalletSink(new Uri(walletUrl), TimeSpan.FromSeconds(1));
        var outbox = new RedisOutbox(connection);
        await Eventually.TrueAsync(async () => await outbox.BacklogAsync(sink.Name, CancellationToken.None) == 0, what: "the wallet's backlog in Redis did not drain");
    }
}
