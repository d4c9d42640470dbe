using Microsoft.Extensions.Options;
using PaymentCore.State;

namespace PaymentCore.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>Section "Ledger", checked at startup whether a ledger is configured or not.</summary>
    public static IServiceCollection AddLedgerOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>();
        services.AddOptions<LedgerOptions>().BindConfiguration("Ledger").ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The PostgreSQL ledger behind the hot store registered before (its <see cref="ILedgerFeed"/>
    /// registered too): migrations, the drainer, read-through, readiness and metrics.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<LedgerDatabase>();
        services.AddSingleton<LedgerMigrator>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<LedgerMetrics>();
        services.AddHostedService<LedgerDrainer>();
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger");

        // The hot store stays what it was; every reader of IRechargeStore gets it behind the ledger.
        var hot = services.Last(d => d.ServiceType == typeof(IRechargeStore));
        var hotType = hot.ImplementationType ?? throw new InvalidOperationException("The hot recharge store must be registered by type.");
        services.Remove(hot);
        services.AddSingleton(hotType);
        return services.AddSingleton<IRechargeStore>(sp =>
            new LedgerBackedRechargeStore((IRechargeStore)sp.GetRequiredService(hotType), sp.GetRequiredService<LedgerReader>()));
    }
}
