using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Errors;
using PaymentCore.Security;

namespace PaymentCore.Api;

/// <summary>
/// The one place every RPC's caller is checked against <see cref="RpcPolicy"/>: no valid
/// credentials → UNAUTHENTICATED, missing scope → PERMISSION_DENIED. The authentication
/// middleware has already turned the client certificate or bearer token into the principal.
/// Without caller authentication configured every caller is anonymous and allowed.
/// </summary>
public sealed partial class CallerAuthorizationInterceptor(IConfiguration configuration, ILogger<CallerAuthorizationInterceptor> logger) : Interceptor
{
    private readonly bool _enforced = CallerAuthentication.IsConfigured(configuration);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>Throws the rich status itself, since the error interceptor only wraps unary calls.</summary>
    private void Authorize(ServerCallContext context)
    {
        if (!_enforced)
        {
            return;
        }

        var policy = RpcPolicy.For(context.Method);
        if (policy is { Public: true })
        {
            return;
        }

        var user = context.GetHttpContext().User;
        if (user.Identity is not { IsAuthenticated: true })
        {
            LogUnauthenticated(context.Method, context.Peer);
            throw ErrorInterceptor.ToRpcException(new PaymentCoreException(
                ErrorKind.Unauthenticated,
                ErrorReasons.Unauthenticated,
                "The call carries no valid credentials: present a client certificate of a configured caller or a valid bearer token."));
        }

        if (policy is null || (policy.Scope is { } scope && !CallerPrincipal.HasScope(user, scope)))
        {
            var required = policy?.Scope ?? "none grants this method";
            var caller = CallerIdentity.Of(context);
            LogPermissionDenied(caller, context.Method, required);
            throw ErrorInterceptor.ToRpcException(new PaymentCoreException(
                ErrorKind.PermissionDenied,
                ErrorReasons.PermissionDenied,
                $"Caller '{caller}' lacks the scope this RPC requires ({required}).",
                metadata: new Dictionary<string, string> { ["required_scope"] = required, ["caller"] = caller }));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated call to {Method} from {Peer}")]
    private partial void LogUnauthenticated(string method, string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caller {Caller} denied {Method}: requires scope {Scope}")]
    private partial void LogPermissionDenied(string caller, string method, string scope);
}
