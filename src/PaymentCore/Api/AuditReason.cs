using Grpc.Core;

namespace PaymentCore.Api;

/// <summary>
/// What an RPC handler has to say in its call's audit entry (who asked for a voucher batch and why),
/// kept on the call for <see cref="AuditInterceptor"/>. Set only from validated fields.
/// </summary>
public static class AuditReason
{
    private static readonly object Key = new();

    public static void Set(ServerCallContext context, string reason) => context.UserState[Key] = reason;

    public static string? Of(ServerCallContext context) => context.UserState.TryGetValue(Key, out var reason) ? reason as string : null;
}
