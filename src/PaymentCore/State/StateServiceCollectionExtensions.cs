using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentCore.Recharges;

namespace PaymentCore.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>The state store (in-memory until Redis is configured) and the recharge flow on top of it.</summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRechargeStore, InMemoryRechargeStore>();
        return services.AddSingleton<RechargeOrchestrator>();
    }
}
