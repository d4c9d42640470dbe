using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Adapters.Tap;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Adapters.Xendit;
using PaymentCore.Catalog;
using PaymentCore.Modes;

namespace PaymentCore.Routing;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// How each of <see cref="KnownGateways.Names"/> is registered: adding a gateway is its folder in
    /// src/Adapters (its name in <see cref="KnownGateways"/>) and one case here. Each registers itself
    /// only when it is configured; the catalog may name any of them, configured or not.
    /// </summary>
    private static Action<IServiceCollection, IConfiguration> RegistrationOf(string gateway) => gateway switch
    {
        SandboxGateway.GatewayName => AddSandbox,
        StripeGateway.GatewayName => (services, configuration) => services.AddHttpGateway<StripeOptions>(
            configuration, StripeOptions.Section, o => o.HasCredentials, (_, http, o, _) => new StripeGateway(http, o)),
        PayPalGateway.GatewayName => (services, configuration) => services.AddHttpGateway<PayPalOptions>(
            configuration, PayPalOptions.Section, o => o.HasCredentials, (_, http, o, time) => new PayPalGateway(http, o, time)),
        VoucherGateway.GatewayName => AddVouchers,
        CarrierBillingGateway.GatewayName => AddCarrierBilling,
        XenditGateway.GatewayName => (services, configuration) => services.AddHttpGateway<XenditOptions>(
            configuration, XenditOptions.Section, o => o.IsConfigured, (_, http, o, time) => new XenditGateway(http, o, time)),
        TapGateway.GatewayName => (services, configuration) => services.AddHttpGateway<TapOptions>(
            configuration, TapOptions.Section, o => o.IsConfigured, (_, http, o, time) => new TapGateway(http, o, time)),
        _ => throw new InvalidOperationException($"Gateway '{gateway}' is known to the adapters but has no registration in the host."),
    };

    /// <summary>
    /// Registers every configured gateway and the router. A gateway without credentials is not
    /// registered, so the methods it alone would serve are simply not offered.
    /// </summary>
    public static IServiceCollection AddGateways(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GatewayCircuitOptions>().BindConfiguration(GatewayCircuitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        foreach (var gateway in KnownGateways.Names)
        {
            RegistrationOf(gateway)(services, configuration);
        }

        services.AddSingleton<ICatalogCheck, GatewayCoverageCatalogCheck>();
        return services.AddSingleton<GatewayRouter>();
    }

    /// <summary>
    /// The Sandbox, on in test mode unless switched off, off in live mode (where enabling it is
    /// refused at startup, <see cref="ModeOptionsValidator"/>). It simulates outages per token; a
    /// breaker would turn one test token into an outage of the whole method, so it is the one
    /// gateway without a circuit.
    /// </summary>
    private static void AddSandbox(IServiceCollection services, IConfiguration configuration)
    {
        if (DeploymentModes.Of(configuration) == DeploymentMode.Test
            && configuration.GetValue(ModeOptionsValidator.SandboxEnabledKey, defaultValue: true))
        {
            services.AddSingleton(sp => new SandboxGateway(
                webhookSecret: configuration["Gateways:Sandbox:WebhookSecret"],
                ledgerCapacity: configuration.GetValue("Gateways:Sandbox:LedgerCapacity", SandboxGateway.DefaultLedgerCapacity),
                time: sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
        }
    }

    /// <summary>
    /// A mobile operator's CAMARA Carrier Billing API, when any key of its section is set: then the
    /// whole section must be valid (and the limits' fingerprint key set, <c>CarrierBillingFingerprintKeyCheck</c>).
    /// </summary>
    private static void AddCarrierBilling(IServiceCollection services, IConfiguration configuration) =>
        services.AddHttpGateway<CarrierBillingOptions>(
            configuration,
            CarrierBillingOptions.Section,
            o => o.IsConfigured,
            (sp, http, o, time) => new CarrierBillingGateway(http, o, time, sp.GetRequiredService<ILogger<CarrierBillingGateway>>()));

    private static void AddVouchers(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(VoucherOptions.Section).Get<VoucherOptions>()?.Enabled == true)
        {
            // The state store registers the host's ledger first (Redis or in memory, shared with
            // issuance); the in-memory one here serves only a container built without it.
            services.TryAddSingleton<IVoucherLedger, InMemoryVoucherLedger>();
            services.AddGatewayWithCircuit(sp => new VoucherGateway(
                sp.GetRequiredService<IVoucherLedger>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ModeOptions>>().Value.Livemode));
        }
    }

    /// <summary>
    /// A gateway spoken to over HTTP: registered only when its section carries credentials, its
    /// options validated at startup (the environment its options declare included, which must be
    /// the deployment's mode: <see cref="GatewayEnvironmentValidator{TOptions}"/>), its HttpClient from the factory (connections recycled so DNS
    /// changes are seen, since the gateway lives as long as the process), behind a circuit breaker.
    /// </summary>
    private static void AddHttpGateway<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        Func<TOptions, bool> hasCredentials,
        Func<IServiceProvider, HttpClient, TOptions, TimeProvider, IPaymentGateway> create)
        where TOptions : class, new()
    {
        if (!hasCredentials(configuration.GetSection(section).Get<TOptions>() ?? new TOptions()))
        {
            return;
        }

        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new GatewayEnvironmentValidator<TOptions>(section, sp.GetRequiredService<IOptions<ModeOptions>>()));
        // No request logging: gateway URLs carry ids that are never logged in clear (a saved card's
        // PaymentMethod, a vault token), and the adapters log what matters themselves.
        services.AddHttpClient(section)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddGatewayWithCircuit(sp => create(
            sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(section),
            sp.GetRequiredService<IOptions<TOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
    }

    private static void AddGatewayWithCircuit(this IServiceCollection services, Func<IServiceProvider, IPaymentGateway> create) =>
        services.AddSingleton<IPaymentGateway>(sp => new CircuitBreakingGateway(
            create(sp), sp.GetRequiredService<IOptions<GatewayCircuitOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
}
