using Grpc.Core;

namespace PaymentCore.Api;

/// <summary>
/// The calling service, part of every idempotency scope. It is the authenticated principal's
/// name; until caller authentication is configured every caller is "anonymous".
/// </summary>
public static class CallerIdentity
{
    public const string Anonymous = "anonymous";

    public static string Of(ServerCallContext context) => Of(context.GetHttpContext());

    /// <summary>The same for middleware that runs before gRPC (the per-caller rate limit).</summary>
    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
}
