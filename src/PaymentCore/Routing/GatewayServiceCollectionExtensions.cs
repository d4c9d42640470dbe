using PaymentCore.Adapters;
using PaymentCore.Adapters.Sandbox;

namespace PaymentCore.Routing;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers every configured gateway and the router. A gateway without configuration is not
    /// registered, so the methods it alone would serve are simply not offered.
    /// </summary>
    public static IServiceCollection AddGateways(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Gateways:Sandbox:Enabled", defaultValue: true))
        {
            services.AddSingleton<SandboxGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
        }

        return services.AddSingleton<GatewayRouter>();
    }
}
