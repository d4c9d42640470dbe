using Grpc.Core;

namespace PaymentCore.Api;

/// <summary>
/// The calling service, part of every idempotency scope. It is the authenticated principal's
/// name; until caller authentication is configured every caller is "anonymous".
/// </summary>
public static class CallerIdentity
{
    public const string Anonymous = "anonymous";

    public static string Of(ServerCallContext context) =>
        context.GetHttpContext().User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
}
