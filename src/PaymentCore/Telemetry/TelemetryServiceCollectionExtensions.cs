using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PaymentCore.Startup;

namespace PaymentCore.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Redacted JSON console logs (the only log output), OpenTelemetry metrics for the Prometheus
    /// endpoint, traces (to OTLP when <c>Telemetry:OtlpEndpoint</c> is set), and the readiness
    /// check of the configuration.
    /// </summary>
    public static WebApplicationBuilder AddPaymentCoreTelemetry(this WebApplicationBuilder builder)
    {
        // Other providers (debug, event source) would see unredacted text, so console is the only one.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.FormatterName = RedactingJsonConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<RedactingJsonConsoleFormatter, ConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
        });

        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry");
        builder.Services.AddSingleton<PaymentCoreMetrics>();
        builder.Services.AddSingleton<ReconcilerMetrics>();
        builder.Services.AddSingleton<RedisMetrics>();
        builder.Services.AddHealthChecks().AddCheck<ConfigurationHealthCheck>("configuration");

        var otlpEndpoint = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>()?.OtlpEndpoint;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("paymentcore"))
            .WithMetrics(metrics => metrics
                .AddMeter(PaymentCoreMetrics.MeterName)
                // The runtime's own meter: GC heap and pauses, thread pool queue, lock contention.
                .AddMeter("System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                // RecordException stays off: exception messages can quote rejected input.
                tracing.AddAspNetCoreInstrumentation(options => options.RecordException = false)
                    .AddProcessor(new RedactingActivityProcessor());
                if (otlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(options => options.Endpoint = otlpEndpoint);
                }
            });
        return builder;
    }

    /// <summary>
    /// On the HTTP port only (never the gRPC port): <c>/metrics</c> (Prometheus text format),
    /// <c>/healthz/live</c> (the process answers) and <c>/healthz/ready</c> (store reachable,
    /// configuration loaded; 503 when not).
    /// </summary>
    public static WebApplication UseOperationalEndpoints(this WebApplication app)
    {
        var httpPort = ListenUrls.HttpPort(app.Configuration);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Connection.LocalPort == httpPort && context.Request.Path == "/metrics");
        app.UseHealthChecks("/healthz/live", httpPort, new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks("/healthz/ready", httpPort, new HealthCheckOptions());
        return app;
    }
}
