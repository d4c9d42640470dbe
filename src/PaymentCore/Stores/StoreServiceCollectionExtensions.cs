using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Audit;
using PaymentCore.Limits;
using PaymentCore.Promotions;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.State;
using PaymentCore.Stores.InMemory;
using PaymentCore.Stores.Redis;

namespace PaymentCore.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The state store, the audit trail and the limit, promotion and voucher ledgers: Redis when
    /// <c>Redis:Configuration</c> is set, otherwise the in-memory embedded default. With
    /// <c>Ledger:ConnectionString</c> the store also feeds the ledger what it writes
    /// (<see cref="ILedgerFeed"/>); the ledger itself is registered after the store, behind it.
    /// </summary>
    public static IServiceCollection AddStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ShardDoorbells>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        var ledger = !string.IsNullOrWhiteSpace(configuration["Ledger:ConnectionString"]);
        if (string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
        {
            services.AddOptions<InMemoryStoreOptions>().BindConfiguration("InMemoryStore").ValidateDataAnnotations().ValidateOnStart();
            if (ledger)
            {
                services.AddSingleton<InMemoryLedgerFeed>();
                services.AddSingleton<ILedgerFeed>(sp => sp.GetRequiredService<InMemoryLedgerFeed>());
            }

            services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
            services.AddSingleton<InMemoryOutbox>();
            services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<InMemoryOutbox>());
            services.AddSingleton<IRechargeStore, InMemoryRechargeStore>();
            services.AddSingleton<ISavedInstrumentStore, InMemorySavedInstrumentStore>();
            services.AddSingleton<InMemoryLimitLedger>();
            services.AddSingleton<ILimitLedger>(sp => sp.GetRequiredService<InMemoryLimitLedger>());
            services.AddSingleton<IPromotionLedger, InMemoryPromotionLedger>();
            services.AddSingleton<IVoucherLedger, InMemoryVoucherLedger>();
        }
        else
        {
            services.AddSingleton<IAuditTrail, RedisAuditTrail>();
            services.AddRedisStore();
            if (ledger)
            {
                services.AddSingleton<ILedgerFeed, RedisLedgerFeed>();
            }
        }

        return services;
    }
}
