using PaymentCore.State;

namespace PaymentCore.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>gRPC with the error and card-data interceptors, reflection and grpc.health.v1.</summary>
    public static IServiceCollection AddPaymentCoreApi(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            // Order matters: errors thrown by the guard must still become rich statuses.
            options.Interceptors.Add<ErrorInterceptor>();
            options.Interceptors.Add<CardDataGuardInterceptor>();
            options.MaxReceiveMessageSize = 64 * 1024;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services.AddSingleton<RechargeRequestValidator>();
    }

    public static WebApplication MapPaymentCoreApi(this WebApplication app)
    {
        app.MapGrpcService<RechargeGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
