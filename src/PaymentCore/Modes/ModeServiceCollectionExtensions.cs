using Microsoft.Extensions.Options;

namespace PaymentCore.Modes;

public static class ModeServiceCollectionExtensions
{
    public const string ModeHeader = "PaymentCore-Mode";

    /// <summary>The deployment's mode (<c>Mode</c>), checked at startup and logged once the host starts.</summary>
    public static IServiceCollection AddDeploymentMode(this IServiceCollection services)
    {
        services.AddOptions<ModeOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Configured = configuration[DeploymentModes.Key] ?? options.Configured)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModeOptions>, ModeOptionsValidator>();
        return services.AddHostedService<ModeAnnouncement>();
    }

    /// <summary>
    /// Names the mode in a <c>PaymentCore-Mode</c> header on the health endpoints (HTTP and
    /// grpc.health.v1, where it arrives as response metadata), so a probe or an operator sees which
    /// mode answered.
    /// </summary>
    public static WebApplication UseModeOnHealthEndpoints(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<IOptions<ModeOptions>>().Value.Mode.Name();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
                || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal))
            {
                context.Response.Headers[ModeHeader] = mode;
            }

            return next(context);
        });
        return app;
    }
}
