using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentCore.PaymentMethods;

public static class PaymentMethodsServiceCollectionExtensions
{
    /// <summary>The payment-method registry: every method this build takes.</summary>
    public static IServiceCollection AddPaymentMethods(this IServiceCollection services)
    {
        services.TryAddSingleton(PaymentMethodRegistry.Default);
        return services;
    }
}
