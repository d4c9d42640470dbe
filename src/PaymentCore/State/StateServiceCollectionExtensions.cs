using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Limits;
using PaymentCore.Promotions;
using PaymentCore.Recharges;
using PaymentCore.State.Redis;

namespace PaymentCore.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// The state store and the limit, promotion and voucher ledgers: Redis when
    /// <c>Redis:Configuration</c> is set, otherwise the in-memory embedded default. Then the
    /// recharge flow on top of them.
    /// </summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
        {
            services.AddSingleton<InMemoryOutbox>();
            services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<InMemoryOutbox>());
            services.AddSingleton<IRechargeStore, InMemoryRechargeStore>();
            services.AddSingleton<ILimitLedger, InMemoryLimitLedger>();
            services.AddSingleton<IPromotionLedger, InMemoryPromotionLedger>();
            services.AddSingleton<IVoucherLedger, InMemoryVoucherLedger>();
        }
        else
        {
            services.AddRedisStore();
        }

        services.AddOptions<ReconcilerOptions>().BindConfiguration("Reconciler");
        services.AddHostedService<Reconciler>();
        services.AddSingleton<IdempotencyClaims>();
        services.AddSingleton<TransitionCommitter>();
        services.AddSingleton<RefundOrchestrator>();
        return services.AddSingleton<RechargeOrchestrator>();
    }
}
