using Microsoft.Extensions.Options;
using PaymentCore.Audit;
using PaymentCore.State;

namespace PaymentCore.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Section "Ledger", checked at startup whether a ledger is configured or not. With
    /// <c>Ledger:ConnectionString</c>, the PostgreSQL ledger behind the hot store registered before
    /// (its <see cref="ILedgerFeed"/> registered too): migrations, the drainer, read-through,
    /// readiness and metrics. The audit trail registered before moves to the ledger too when its hot
    /// part can be drained (Redis).
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>();
        services.AddOptions<LedgerOptions>().BindConfiguration("Ledger").ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration["Ledger:ConnectionString"]))
        {
            return services;
        }

        if (!string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
        {
            services.AddSingleton<LedgerBackfill>();
        }

        services.AddSingleton<LedgerDatabase>();
        services.AddSingleton<LedgerMonths>();
        services.AddSingleton<LedgerAuditArchive>();
        services.AddSingleton<LedgerMigrator>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<LedgerMetrics>();
        services.AddHostedService<LedgerDrainer>();
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger");

        // The hot store stays what it was; every reader of IRechargeStore gets it behind the ledger.
        var hotType = TakeOver<IRechargeStore>(services);
        services.AddSingleton<IRechargeStore>(sp =>
            new LedgerBackedRechargeStore((IRechargeStore)sp.GetRequiredService(hotType), sp.GetRequiredService<LedgerReader>()));

        if (services.LastOrDefault(d => d.ServiceType == typeof(IAuditTrail))?.ImplementationType?.IsAssignableTo(typeof(IDrainableAuditTrail)) == true)
        {
            var trailType = TakeOver<IAuditTrail>(services);
            services.AddSingleton(sp => new AuditDrain((IDrainableAuditTrail)sp.GetRequiredService(trailType), sp.GetRequiredService<LedgerAuditArchive>()));
            services.AddSingleton<IAuditTrail>(sp =>
                new LedgerBackedAuditTrail((IDrainableAuditTrail)sp.GetRequiredService(trailType), sp.GetRequiredService<LedgerAuditArchive>()));
        }

        return services;
    }

    /// <summary>Removes the last registration of <typeparamref name="T"/> and registers its implementation as itself, to be wrapped.</summary>
    private static Type TakeOver<T>(IServiceCollection services)
    {
        var registration = services.Last(d => d.ServiceType == typeof(T));
        var type = registration.ImplementationType ?? throw new InvalidOperationException($"The {typeof(T).Name} behind the ledger must be registered by type.");
        services.Remove(registration);
        services.AddSingleton(type);
        return type;
    }
}
