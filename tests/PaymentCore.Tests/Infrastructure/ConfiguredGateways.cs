using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Routing;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>The gateways <see cref="GatewayServiceCollectionExtensions.AddGateways"/> registers for some settings; nothing is called.</summary>
public static class ConfiguredGateways
{
    /// <summary>Credentials for every adapter, so each registers (they never reach a gateway: only registration and capabilities are looked at).</summary>
    public static Dictionary<string, string?> EveryAdapter() => new()
    {
        ["Gateways:Stripe:ApiKey"] = "sk_test_1",
        ["Gateways:Stripe:WebhookSecret"] = "whsec_1",
        ["Gateways:Stripe:ReturnUrl"] = "https://app.example.com/3ds",
        ["Gateways:PayPal:ClientId"] = "id",
        ["Gateways:PayPal:ClientSecret"] = "secret",
        ["Gateways:PayPal:WebhookId"] = "WH1",
        // Test mode (the default) takes PayPal's sandbox only; its default base is the live one.
        ["Gateways:PayPal:ApiBase"] = "https://api-m.sandbox.paypal.com",
        ["Gateways:Voucher:Enabled"] = "true",
        ["Gateways:CarrierBilling:ApiBase"] = "https://operator.example",
        ["Gateways:CarrierBilling:TokenUrl"] = "https://operator.example/oauth/token",
        ["Gateways:CarrierBilling:ClientId"] = "id",
        ["Gateways:CarrierBilling:ClientSecret"] = "secret",
        ["Gateways:CarrierBilling:NotificationUrl"] = "https://paymentcore.example/webhooks/carrier_billing",
        ["Gateways:CarrierBilling:NotificationToken"] = "a-notification-token-of-32-characters",
        ["Gateways:CarrierBilling:Currencies:0"] = "EUR",
    };

    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddGateways(configuration);
        return services.BuildServiceProvider();
    }
}
