using System.Globalization;
using System.Threading.RateLimiting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PaymentCore.Errors;
using PaymentCore.Telemetry;

namespace PaymentCore.Api;

/// <summary>
/// The per-caller rate limit of the API, with ASP.NET Core's rate limiting middleware: a fixed
/// window per caller identity over gRPC calls (health checks excluded). A refused call gets a
/// gRPC answer, RESOURCE_EXHAUSTED with reason RATE_LIMITED and RetryInfo, before any handler runs.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration("RateLimiting").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((options, api) =>
        {
            var limit = api.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                limit.Enabled && IsApiCall(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(CallerIdentity.Of(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit.PermitLimit,
                        Window = limit.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = (rejected, _) => WriteRejectionAsync(rejected, limit.Window);
        });
        return services;
    }

    private static bool IsApiCall(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
        && !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);

    /// <summary>A trailers-only gRPC response: HTTP 200 whose headers carry the status and its rich details.</summary>
    private static ValueTask WriteRejectionAsync(OnRejectedContext rejected, TimeSpan window)
    {
        var context = rejected.HttpContext;
        var caller = CallerIdentity.Of(context);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
        context.RequestServices.GetRequiredService<PaymentCoreMetrics>().RateLimited(caller);

        var error = ErrorInterceptor.ToRpcException(new PaymentCoreException(
            ErrorKind.ResourceExhausted,
            ErrorReasons.RateLimited,
            "Too many calls from this caller. Retry after the delay in RetryInfo.",
            metadata: new Dictionary<string, string> { ["caller"] = caller },
            retryAfter: retryAfter));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(error.GetRpcStatus()!.ToByteArray());
        return ValueTask.CompletedTask;
    }
}
