using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PaymentCore.Telemetry;

/// <summary>
/// Rate and latency of every unary RPC by method and gRPC status code
/// (<c>rpc.server.duration</c>, OpenTelemetry's RPC conventions). HTTP-level metrics cannot give
/// this: a gRPC call answers HTTP 200 whatever its status. Registered outermost, so it sees the
/// final status the error interceptor produced.
/// </summary>
public sealed class RpcMetricsInterceptor : Interceptor
{
    private readonly Histogram<double> _duration;

    public RpcMetricsInterceptor(IMeterFactory meters) =>
        _duration = meters.Create(PaymentCoreMetrics.MeterName).CreateHistogram(
            "rpc.server.duration", "s", "Duration of gRPC calls in seconds, by service, method and status code.", tags: null, DurationBuckets.Advice);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (Exception)
        {
            code = StatusCode.Unknown;
            throw;
        }
        finally
        {
            Record(context.Method, code, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(string method, StatusCode code, TimeSpan elapsed)
    {
        // "/paymentcore.v1.RechargeService/CreateRecharge" → service and method tags.
        var split = method.LastIndexOf('/');
        _duration.Record(
            elapsed.TotalSeconds,
            new("rpc.system", "grpc"),
            new("rpc.service", method[1..Math.Max(split, 1)]),
            new("rpc.method", method[(split + 1)..]),
            new("rpc.grpc.status_code", code.ToString()));
    }
}
