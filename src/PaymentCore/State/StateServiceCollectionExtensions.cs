using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Ledger;
using PaymentCore.Limits;
using PaymentCore.Promotions;
using PaymentCore.Recharges;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.State.Redis;

namespace PaymentCore.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// The state store and the limit, promotion and voucher ledgers: Redis when
    /// <c>Redis:Configuration</c> is set, otherwise the in-memory embedded default. Then the
    /// recharge flow on top of them. With <c>Ledger:ConnectionString</c>, PostgreSQL behind the store
    /// as the record of recharges, the store keeping the hot part.
    /// </summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLedgerOptions();
        services.AddSingleton<ShardDoorbells>();
        var ledger = !string.IsNullOrWhiteSpace(configuration["Ledger:ConnectionString"]);
        if (string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
        {
            services.AddOptions<InMemoryStoreOptions>().BindConfiguration("InMemoryStore").ValidateDataAnnotations().ValidateOnStart();
            if (ledger)
            {
                services.AddSingleton<InMemoryLedgerFeed>();
                services.AddSingleton<ILedgerFeed>(sp => sp.GetRequiredService<InMemoryLedgerFeed>());
            }

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
            services.AddRedisStore();
            if (ledger)
            {
                services.AddSingleton<ILedgerFeed, RedisLedgerFeed>();
                services.AddSingleton<LedgerBackfill>();
            }
        }

        if (ledger)
        {
            services.AddLedger();
        }

        services.AddOptions<ReconcilerOptions>().BindConfiguration("Reconciler");
        services.AddHostedService<Reconciler>();
        services.AddSingleton<IdempotencyClaims>();
        services.AddSingleton<TransitionCommitter>();
        services.AddOptions<SavedInstrumentsOptions>().BindConfiguration(SavedInstrumentsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SavedInstrumentsOptions>, SavedInstrumentsOptionsValidation>();
        services.AddSingleton<IValidateOptions<CarrierBillingOptions>, CarrierBillingSealingKeyCheck>();
        services.AddSingleton<CredentialSeal>();
        services.AddSingleton<SavedInstrumentBook>();
        services.AddSingleton<RefundOrchestrator>();
        services.AddSingleton<InFlightRequests>();
        return services.AddSingleton<RechargeOrchestrator>();
    }
}
