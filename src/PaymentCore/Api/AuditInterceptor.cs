using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using PaymentCore.Audit;
using PaymentCore.Modes;
using PaymentCore.Recharges;
using PaymentCore.Security;
using PaymentCore.State;

namespace PaymentCore.Api;

/// <summary>
/// Appends one audit entry for every mutating call (<see cref="RpcPolicy.Mutating"/>), whatever its
/// outcome, refusals included: caller, RPC, recharge id, idempotency key digest, final status, and
/// the handler's <see cref="AuditReason"/> when it gave one.
/// Registered outside the error interceptor, so the outcome is the status the caller received.
/// Only well-formed recharge ids are recorded: the entry must never carry text a caller typed.
/// </summary>
public sealed partial class AuditInterceptor(IAuditTrail trail, IOptions<ModeOptions> mode, TimeProvider time, ILogger<AuditInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (RpcPolicy.For(context.Method) is not { Mutating: true })
        {
            return await continuation(request, context);
        }

        TResponse? response = default;
        var outcome = StatusCode.OK;
        try
        {
            response = await continuation(request, context);
            return response;
        }
        catch (RpcException e)
        {
            outcome = e.StatusCode;
            throw;
        }
        finally
        {
            await AppendAsync(context, request as IMessage, response as IMessage, outcome);
        }
    }

    private async Task AppendAsync(ServerCallContext context, IMessage? request, IMessage? response, StatusCode outcome)
    {
        var entry = new AuditEntry(
            time.GetUtcNow(),
            CallerIdentity.Of(context),
            context.Method,
            RechargeIdOf(response) ?? RechargeIdOf(request),
            StringField(request, "idempotency_key") is { Length: > 0 } key ? Digest(key) : null,
            StatusName(outcome),
            mode.Value.Livemode,
            AuditReason.Of(context));
        try
        {
            // Not the call's token: the answer is decided, and its cancellation must not lose the entry.
            await trail.AppendAsync(entry, CancellationToken.None);
        }
        catch (StoreUnavailableException e)
        {
            LogAuditLost(e, entry.Action, entry.Caller, entry.RechargeId);
        }
    }

    private static string? RechargeIdOf(IMessage? message)
    {
        var id = StringField(message, "recharge_id")
            ?? (message?.Descriptor.FindFieldByName("recharge")?.Accessor.GetValue(message) is IMessage recharge ? StringField(recharge, "recharge_id") : null);
        return id is not null && RechargeId.TryParseShard(id, out _) ? id : null;
    }

    private static string? StringField(IMessage? message, string name) =>
        message?.Descriptor.FindFieldByName(name)?.Accessor.GetValue(message) as string;

    private static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>"PermissionDenied" → "PERMISSION_DENIED", as gRPC names codes ("OK" stays as it is).</summary>
    private static string StatusName(StatusCode code) => code == StatusCode.OK
        ? "OK"
        : string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry lost, the store is unavailable: {Action} by {Caller} on {RechargeId}")]
    private partial void LogAuditLost(Exception exception, string action, string caller, string? rechargeId);
}
