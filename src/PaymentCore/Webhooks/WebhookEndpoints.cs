using PaymentCore.Adapters;
using PaymentCore.Startup;

namespace PaymentCore.Webhooks;

public static class WebhookEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddWebhooks(this IServiceCollection services) => services.AddSingleton<WebhookProcessor>();

    /// <summary>POST /webhooks/{gateway} on the plain HTTP port: the raw body and headers go to the gateway's adapter as they came.</summary>
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        var httpPort = ListenUrls.HttpPort(app.Configuration);
        app.MapPost("/webhooks/{gateway}", async (string gateway, HttpContext context, WebhookProcessor processor, TimeProvider time) =>
        {
            if (context.Connection.LocalPort != httpPort)
            {
                return Results.NotFound();
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (body.Length > MaxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var delivery = new WebhookDelivery(body.ToArray(), headers, time.GetUtcNow());
            return await processor.ProcessAsync(gateway, delivery, context.RequestAborted) switch
            {
                WebhookResult.Accepted => Results.Ok(),
                WebhookResult.NotYetKnown => Results.Conflict(),
                WebhookResult.NotVerified => Results.BadRequest(),
                _ => Results.NotFound(),
            };
        });
        return app;
    }
}
