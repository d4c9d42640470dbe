using System.Globalization;
using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Rings the readers' doorbells from the shard numbers the scripts publish when they append to an
/// outbox or ledger stream. Pub/sub is at most once: while the subscription's connection is down
/// messages are lost, so every shard rings when it is back (and once it is first made).
/// </summary>
public sealed partial class RedisDoorbellListener(RedisConnection redis, ShardDoorbells doorbells, ILogger<RedisDoorbellListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += (_, _) => doorbells.RingAll();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var stream in Enum.GetValues<ShardStream>())
                {
                    await redis.Subscriber.SubscribeAsync(redis.Keys.Doorbell(stream), (_, shard) => Ring(stream, shard));
                }

                doorbells.RingAll();
                return;
            }
            catch (RedisException e)
            {
                // Redis is not there yet: the readers sweep meanwhile; subscribe as soon as it is.
                LogNotSubscribed(e.Message);
                await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Ring(ShardStream stream, RedisValue shard)
    {
        if (int.TryParse((string?)shard, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            doorbells.Ring(stream, number);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not subscribed to the stream doorbells yet (readers poll meanwhile): {Reason}")]
    private partial void LogNotSubscribed(string reason);
}
