using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Errors;
using PaymentCore.PaymentMethods;

namespace PaymentCore.Telemetry;

/// <summary>
/// Feeds <see cref="PaymentCoreMetrics"/> from what the gRPC layer answers: the recharge of a
/// CreateRecharge or ConfirmRecharge (not for replays, which were counted the first time) and
/// limit refusals. Registered outside the error interceptor, so refusals arrive as rich statuses.
/// </summary>
public sealed class RechargeMetricsInterceptor(PaymentCoreMetrics metrics, PaymentMethodRegistry methods) : Interceptor
{
    /// <summary>"RECHARGE_STATUS_SUCCEEDED" → "SUCCEEDED", the way the README and dashboards name statuses; made once, not per call.</summary>
    private static readonly FrozenDictionary<RechargeStatus, string> StatusNames = RechargeReflection.Descriptor
        .FindTypeByName<EnumDescriptor>("RechargeStatus").Values
        .ToFrozenDictionary(v => (RechargeStatus)v.Number, v => v.Name.Replace("RECHARGE_STATUS_", string.Empty, StringComparison.Ordinal));

    /// <summary>Each method as the registry names it everywhere else (catalogs, fraud rules, ListPackages).</summary>
    private readonly FrozenDictionary<PaymentMethodType, string> _methodNames = methods.All.ToFrozenDictionary(m => m.ProtoType, m => m.Name);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(request, context);
            var recharge = response switch
            {
                CreateRechargeResponse created => created.Recharge,
                ConfirmRechargeResponse confirmed => confirmed.Recharge,
                _ => null,
            };
            if (recharge is not null && !IsReplay(context))
            {
                metrics.RechargeCompleted(
                    StatusNames.GetValueOrDefault(recharge.Status, "unknown"),
                    recharge.Gateway,
                    recharge.RegionCode,
                    _methodNames.GetValueOrDefault(recharge.PaymentMethodType, "unknown"));
            }

            return response;
        }
        catch (RpcException e) when (e.GetRpcStatus()?.GetDetail<ErrorInfo>() is { Reason: ErrorReasons.LimitExceeded } info)
        {
            metrics.LimitRejected(info.Metadata.TryGetValue("limit", out var limit) ? limit : "unknown");
            throw;
        }
    }

    /// <summary>The service marks a saved response answered again with a response header; that header is the signal.</summary>
    private static bool IsReplay(ServerCallContext context) =>
        context.GetHttpContext().Response.Headers.ContainsKey(RechargeGrpcService.ReplayedHeader);
}
