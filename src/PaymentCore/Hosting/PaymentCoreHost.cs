using PaymentCore.Api;
using PaymentCore.Catalog;
using PaymentCore.Confirmations;
using PaymentCore.Limits;
using PaymentCore.Pricing;
using PaymentCore.Routing;
using PaymentCore.State;

namespace PaymentCore.Hosting;

/// <summary>Builds the PaymentCore web application; Program and the tests' host share it.</summary>
public static class PaymentCoreHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.ConfigureListenEndpoints();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddPaymentCoreApi();
        builder.Services.AddCatalog(builder.Configuration);
        builder.Services.AddPricing();
        builder.Services.AddStateStore(builder.Configuration);
        builder.Services.AddLimits();
        builder.Services.AddGateways(builder.Configuration);
        builder.Services.AddConfirmations();
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapPaymentCoreApi();
        return app;
    }
}
