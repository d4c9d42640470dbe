using PaymentCore.Api;
using PaymentCore.Catalog;
using PaymentCore.Confirmations;
using PaymentCore.Fraud;
using PaymentCore.Ledger;
using PaymentCore.Limits;
using PaymentCore.Modes;
using PaymentCore.Orchestration;
using PaymentCore.PaymentMethods;
using PaymentCore.Pricing;
using PaymentCore.Routing;
using PaymentCore.Security;
using PaymentCore.Stores;
using PaymentCore.Telemetry;
using PaymentCore.Vouchers;
using PaymentCore.Webhooks;

namespace PaymentCore.Hosting;

/// <summary>Builds the PaymentCore web application; Program and the tests' host share it.</summary>
public static class PaymentCoreHost
{
    private const string HostLifecycleCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <param name="args">Command-line configuration, e.g. "--Redis:Configuration=127.0.0.1:6379".</param>
    /// <param name="customize">Registrations made before the features' own, which respect them (tests put a wallet sink or a clock here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Of(args) });
        builder.ConfigureListenEndpoints();
        builder.AddPaymentCoreTelemetry();
        // The host reports a startup failure at Error ("Hosting failed to start", with the stack trace);
        // Program prints a refusal as one line instead, and the runtime prints any other failure's trace.
        builder.Logging.AddFilter(HostLifecycleCategory, LogLevel.Critical);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        customize?.Invoke(builder);
        builder.Services.AddDeploymentMode();
        builder.Services.AddPaymentCoreApi();
        builder.Services.AddPaymentMethods();
        builder.Services.AddCatalog(builder.Configuration);
        builder.Services.AddPricing();
        builder.Services.AddStores(builder.Configuration);
        // After the store: with a ledger, the ledger puts the store and the audit trail behind it.
        builder.Services.AddLedger(builder.Configuration);
        builder.Services.AddRechargeFlow();
        builder.Services.AddLimits();
        builder.Services.AddGateways(builder.Configuration);
        builder.Services.AddVoucherIssuance();
        builder.Services.AddFraudRules(builder.Configuration);
        builder.Services.AddConfirmations();
        builder.Services.AddWebhooks();
        builder.Services.AddCallerSecurity(builder.Configuration);

        var app = builder.Build();
        app.UseModeOnHealthEndpoints();
        app.UseOperationalEndpoints();
        app.UseCallerSecurity();
        app.MapPaymentCoreApi();
        app.MapWebhooks();
        return app;
    }
}
