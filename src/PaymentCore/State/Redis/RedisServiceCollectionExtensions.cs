using PaymentCore.Limits;

namespace PaymentCore.State.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>The Redis store and limit ledger, from section "Redis" (checked at startup).</summary>
    public static IServiceCollection AddRedisStore(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration("Redis").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IRechargeStore, RedisRechargeStore>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        return services.AddSingleton<ILimitLedger, RedisLimitLedger>();
    }
}
