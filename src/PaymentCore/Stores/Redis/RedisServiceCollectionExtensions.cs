using PaymentCore.Adapters.Voucher;
using PaymentCore.Limits;
using PaymentCore.Promotions;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.State;

namespace PaymentCore.Stores.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>The Redis store, limit, promotion and voucher ledgers, from section "Redis" (checked at startup).</summary>
    public static IServiceCollection AddRedisStore(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration("Redis").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        // Before every other hosted service that writes to Redis (reconciler, dispatcher).
        services.AddHostedService<StoreModeMarker>();
        services.AddHostedService<RedisDoorbellListener>();
        services.AddSingleton<IPromotionLedger, RedisPromotionLedger>();
        services.AddSingleton<IVoucherLedger, RedisVoucherLedger>();
        services.AddSingleton<IRechargeStore, RedisRechargeStore>();
        services.AddSingleton<ISavedInstrumentStore, RedisSavedInstrumentStore>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        return services.AddSingleton<ILimitLedger, RedisLimitLedger>();
    }
}
