using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentCore.Confirmations;

public static class ConfirmationServiceCollectionExtensions
{
    /// <summary>The outbox dispatcher and the wallet sink (the logging sink unless one is registered).</summary>
    public static IServiceCollection AddConfirmations(this IServiceCollection services)
    {
        services.TryAddSingleton<IWalletSink, LoggingWalletSink>();
        return services.AddHostedService<OutboxDispatcher>();
    }
}
