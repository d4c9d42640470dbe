using Microsoft.Extensions.Diagnostics.HealthChecks;
using PaymentCore.Telemetry;

namespace PaymentCore.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// gRPC with its interceptors (metrics, audit, errors, caller authorization, card data), the
    /// per-caller rate limit, reflection and grpc.health.v1 (the checks are registered by what they check).
    /// </summary>
    public static IServiceCollection AddPaymentCoreApi(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            // Order matters: errors thrown by the guard must still become rich statuses; metrics
            // and audit sit outside the error interceptor to see the status the caller receives;
            // callers are authorized before the guard reads their request.
            options.Interceptors.Add<RpcMetricsInterceptor>();
            options.Interceptors.Add<RechargeMetricsInterceptor>();
            options.Interceptors.Add<AuditInterceptor>();
            options.Interceptors.Add<ErrorInterceptor>();
            options.Interceptors.Add<CallerAuthorizationInterceptor>();
            options.Interceptors.Add<CardDataGuardInterceptor>();
            options.MaxReceiveMessageSize = 64 * 1024;
        });
        // Registered as singletons so gRPC resolves one shared instance instead of activating six
        // interceptors per call (they hold only their dependencies, which are singletons too).
        services.AddSingleton<RpcMetricsInterceptor>()
            .AddSingleton<RechargeMetricsInterceptor>()
            .AddSingleton<AuditInterceptor>()
            .AddSingleton<ErrorInterceptor>()
            .AddSingleton<CallerAuthorizationInterceptor>()
            .AddSingleton<CardDataGuardInterceptor>();
        services.AddGrpcReflection();
        // "" (the whole service) is readiness: the store and the configuration. "liveness" runs only
        // the "process" check, which touches nothing: it answers while the process does (a liveness
        // probe, and the benchmark's bare baseline call). A service mapped to no check would answer UNKNOWN.
        services.AddGrpcHealthChecks(o => o.Services.Map(LivenessService, check => check.Tags.Contains(LivenessService)))
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [LivenessService]);
        services.AddApiRateLimiting();
        return services.AddSingleton<RechargeRequestValidator>().AddSingleton<IssueVouchersValidator>();
    }

    /// <summary>The grpc.health.v1 service name that answers SERVING whenever the process answers.</summary>
    public const string LivenessService = "liveness";

    public static WebApplication MapPaymentCoreApi(this WebApplication app)
    {
        app.MapGrpcService<RechargeGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
