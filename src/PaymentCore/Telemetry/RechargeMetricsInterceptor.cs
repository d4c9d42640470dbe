using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Errors;

namespace PaymentCore.Telemetry;

/// <summary>
/// Feeds <see cref="PaymentCoreMetrics"/> from what the gRPC layer answers: the recharge of a
/// CreateRecharge or ConfirmRecharge (not for replays, which were counted the first time) and
/// limit refusals. Registered outside the error interceptor, so refusals arrive as rich statuses.
/// </summary>
public sealed class RechargeMetricsInterceptor(PaymentCoreMetrics metrics) : Interceptor
{
    private static readonly EnumDescriptor Statuses = RechargeReflection.Descriptor.FindTypeByName<EnumDescriptor>("RechargeStatus");
    private static readonly EnumDescriptor Methods = PaymentMethodReflection.Descriptor.FindTypeByName<EnumDescriptor>("PaymentMethodType");

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
                    EnumValueName(Statuses, (int)recharge.Status, "RECHARGE_STATUS_"),
                    recharge.Gateway,
                    recharge.RegionCode,
                    EnumValueName(Methods, (int)recharge.PaymentMethodType, "PAYMENT_METHOD_TYPE_").ToLowerInvariant());
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

    /// <summary>
    /// "RECHARGE_STATUS_SUCCEEDED" → "SUCCEEDED", the way the README and dashboards name statuses;
    /// "PAYMENT_METHOD_TYPE_WECHAT_PAY" → "WECHAT_PAY" (lowercased by the caller: the catalog's "wechat_pay").
    /// </summary>
    private static string EnumValueName(EnumDescriptor descriptor, int number, string prefix) =>
        descriptor.FindValueByNumber(number) is { } value
            ? value.Name.Replace(prefix, string.Empty, StringComparison.Ordinal)
            : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
