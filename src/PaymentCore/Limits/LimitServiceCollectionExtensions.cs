namespace PaymentCore.Limits;

public static class LimitServiceCollectionExtensions
{
    /// <summary>The limit policy from section "Limits" (checked at startup) and the guard the recharge flow uses.</summary>
    public static IServiceCollection AddLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits");
        services.AddSingleton<LimitPolicy>();
        services.AddSingleton<LimitGuard>();
        return services.AddHostedService<LimitPolicyStartupCheck>();
    }

    /// <summary>Builds the policy while the host starts, so a bad "Limits" section stops startup, not the first request.</summary>
    private sealed class LimitPolicyStartupCheck(LimitPolicy policy) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(policy);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
