using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>Turns "Redis cannot serve right now" into <see cref="StoreUnavailableException"/>; anything else is a bug and stays as it is.</summary>
public static class RedisFailures
{
    private static readonly string[] TransientServerErrors = ["LOADING", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "BUSY"];

    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException("Redis is unavailable: " + e.Message, e);
        }
    }

    public static async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException("Redis is unavailable: " + e.Message, e);
        }
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or ObjectDisposedException => true,
        RedisServerException server => TransientServerErrors.Any(p => server.Message.StartsWith(p, StringComparison.Ordinal)),
        _ => false,
    };
}
