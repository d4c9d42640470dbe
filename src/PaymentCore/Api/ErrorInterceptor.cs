using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Errors;
using PaymentCore.State;

namespace PaymentCore.Api;

/// <summary>
/// The one place where failures become gRPC statuses: a rich status (ErrorInfo, BadRequest)
/// for refusals, UNAVAILABLE when the store is down, and INTERNAL, with no detail leaked, for bugs.
/// </summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (PaymentCoreException e)
        {
            throw ToRpcException(e);
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(e, context.Method);
            throw ToRpcException(new PaymentCoreException(
                ErrorKind.Unavailable, ErrorReasons.StoreUnavailable, "The state store is unavailable; nothing was charged. Retry later."));
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
        }
        catch (Exception e)
        {
            LogUnhandled(e, context.Method);
            throw ToRpcException(new PaymentCoreException(ErrorKind.Internal, ErrorReasons.Internal, "Internal error."));
        }
    }

    public static RpcException ToRpcException(PaymentCoreException error)
    {
        var errorInfo = new ErrorInfo { Domain = ErrorReasons.Domain, Reason = error.Reason };
        foreach (var (key, value) in error.Metadata)
        {
            errorInfo.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)StatusCodeOf(error.Kind),
            Message = error.Message,
            Details = { Any.Pack(errorInfo) },
        };
        if (error.RetryAfter is { } retryAfter)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        }

        if (error.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(error.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    /// <summary>The gRPC status code of each kind of domain error (the names match google.rpc.Code).</summary>
    public static StatusCode StatusCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorKind.Aborted => StatusCode.Aborted,
        ErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ErrorKind.Internal => StatusCode.Internal,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind without a gRPC status code."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    private partial void LogUnhandled(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State store unavailable in {Method}")]
    private partial void LogStoreUnavailable(Exception exception, string method);
}
