using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Catalog;

namespace PaymentCore.Limits;

public static class LimitServiceCollectionExtensions
{
    /// <summary>
    /// The limit policy from section "Limits" (checked at startup), the guard the recharge flow uses,
    /// and the check that keeps a reloaded catalog from selling in a currency the limits cannot count.
    /// </summary>
    public static IServiceCollection AddLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits");
        services.AddSingleton<LimitPolicy>();
        services.AddSingleton<InstrumentFingerprints>();
        services.AddSingleton<IValidateOptions<CarrierBillingOptions>, CarrierBillingFingerprintKeyCheck>();
        services.AddSingleton<LimitGuard>();
        services.AddSingleton<ICatalogCheck, LimitRatesCatalogCheck>();
        return services.AddHostedService<LimitPolicyStartupCheck>();
    }

    /// <summary>Builds the policy and the fingerprint key while the host starts, so a bad "Limits" section stops startup, not the first request.</summary>
    private sealed class LimitPolicyStartupCheck(LimitPolicy policy, InstrumentFingerprints fingerprints) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult((policy, fingerprints));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
