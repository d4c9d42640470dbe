using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentCore.Fraud;

public static class FraudRulesServiceCollectionExtensions
{
    /// <summary>
    /// The fraud screen, its rules from section "FraudRules" (loaded at startup: a faulty file stops
    /// the process with its line and column) and the watcher that reloads them when edited.
    /// </summary>
    public static IServiceCollection AddFraudRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FraudRulesOptions>()
            .Bind(configuration.GetSection(FraudRulesOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<FraudRuleSource>();
        services.AddSingleton<FraudScreen>();
        services.AddSingleton<RiskAssessment>();
        return services.AddHostedService<FraudRuleWatcher>();
    }
}
