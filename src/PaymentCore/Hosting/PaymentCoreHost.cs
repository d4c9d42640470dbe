using PaymentCore.Api;
using PaymentCore.Audit;
using PaymentCore.Catalog;
using PaymentCore.Confirmations;
using PaymentCore.Fraud;
using PaymentCore.Limits;
using PaymentCore.Pricing;
using PaymentCore.Routing;
using PaymentCore.Security;
using PaymentCore.State;
using PaymentCore.Telemetry;
using PaymentCore.Vouchers;
using PaymentCore.Webhooks;

namespace PaymentCore.Hosting;

/// <summary>Builds the PaymentCore web application; Program and the tests' host share it.</summary>
public static class PaymentCoreHost
{
    /// <param name="args">Command-line configuration, e.g. "--Redis:Configuration=127.0.0.1:6379".</param>
    /// <param name="customize">Registrations made before the features' own, which respect them (tests put a wallet sink or a clock here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Of(args) });
        builder.ConfigureListenEndpoints();
        builder.AddPaymentCoreTelemetry();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        customize?.Invoke(builder);
        builder.Services.AddPaymentCoreApi();
        builder.Services.AddCatalog(builder.Configuration);
        builder.Services.AddPricing();
        builder.Services.AddStateStore(builder.Configuration);
        builder.Services.AddLimits();
        builder.Services.AddGateways(builder.Configuration);
        builder.Services.AddVoucherIssuance();
        builder.Services.AddFraudRules(builder.Configuration);
        builder.Services.AddConfirmations();
        builder.Services.AddWebhooks();
        builder.Services.AddCallerSecurity(builder.Configuration);
        builder.Services.AddAudit(builder.Configuration);

        var app = builder.Build();
        app.UseOperationalEndpoints();
        app.UseCallerSecurity();
        app.MapPaymentCoreApi();
        app.MapAdminService();
        app.MapWebhooks();
        return app;
    }
}
