namespace PaymentCore.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail: a Redis Stream when <c>Redis:Configuration</c> is set (beside the Redis store), otherwise in memory.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Redis:Configuration"])
            ? services.AddSingleton<IAuditTrail, InMemoryAuditTrail>()
            : services.AddSingleton<IAuditTrail, RedisAuditTrail>();

    public static WebApplication MapAdminService(this WebApplication app)
    {
        app.MapGrpcService<AdminGrpcService>();
        return app;
    }
}
