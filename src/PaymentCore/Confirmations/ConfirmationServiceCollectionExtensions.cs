using Microsoft.Extensions.Options;

namespace PaymentCore.Confirmations;

public static class ConfirmationServiceCollectionExtensions
{
    /// <summary>
    /// The outbox dispatcher and the wallets it delivers to: one gRPC sink per
    /// <c>Wallets:Endpoints:N</c>, or the logging sink when none is configured (or a sink a test registered).
    /// </summary>
    public static IServiceCollection AddConfirmations(this IServiceCollection services)
    {
        services.AddOptions<WalletOptions>().BindConfiguration("Wallets").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConfirmationMetrics>();
        if (!services.Any(d => d.ServiceType == typeof(IWalletSink)))
        {
            services.AddSingleton<IEnumerable<IWalletSink>>(sp =>
            {
                var settings = sp.GetRequiredService<IOptions<WalletOptions>>().Value;
                return settings.Endpoints.Count == 0
                    ? [ActivatorUtilities.CreateInstance<LoggingWalletSink>(sp)]
                    : settings.Endpoints.Select(e => new GrpcWalletSink(new Uri(e), settings.CallTimeout)).ToList();
            });
        }

        return services.AddHostedService<OutboxDispatcher>();
    }
}
