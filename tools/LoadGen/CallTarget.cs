using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using PaymentCore.Api.V1;

namespace PaymentCore.LoadGen;

/// <summary>One RPC to drive. A worker owns its target and calls it one call at a time.</summary>
public abstract class CallTarget
{
    /// <summary>Makes one call; returns its <see cref="Outcome"/>.</summary>
    public async Task<int> CallAsync(long sequence)
    {
        try
        {
            return await SendAsync(sequence);
        }
        catch (RpcException e)
        {
            return (int)e.StatusCode;
        }
    }

    public static CallTarget For(LoadOptions options, GrpcChannel channel, string runId, int worker) => options.Target switch
    {
        "bare" => new HealthTarget(channel, "liveness"),
        "health" => new HealthTarget(channel, string.Empty),
        _ => new CreateRechargeTarget(channel, runId, worker, options.SameUser),
    };

    protected abstract Task<int> SendAsync(long sequence);
}

/// <summary>
/// grpc.health.v1.Health/Check of <paramref name="service"/>: "liveness" touches no store (the bare
/// baseline: what a call through the host costs), "" is readiness (pings the store).
/// </summary>
public sealed class HealthTarget(GrpcChannel channel, string service) : CallTarget
{
    private readonly HealthCheckRequest _request = new() { Service = service };
    private readonly Health.HealthClient _client = new(channel);

    protected override async Task<int> SendAsync(long sequence)
    {
        var response = await _client.CheckAsync(_request);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? Outcome.Ok : Outcome.NotServing;
    }
}

/// <summary>
/// CreateRecharge of the smallest US package with the Sandbox's sandbox_ok token. Every call has
/// its own idempotency key and, unless <c>sameUser</c>, its own user, so no per-user limit trips.
/// No IP or device is sent, so the per-IP and per-device limits stay out of the way too.
/// </summary>
public sealed class CreateRechargeTarget(GrpcChannel channel, string runId, int worker, bool sameUser) : CallTarget
{
    private static readonly PaymentMethod SandboxOk = new() { Sandbox = new SandboxMethod { Token = "sandbox_ok" } };
    private readonly RechargeService.RechargeServiceClient _client = new(channel);
    private readonly string _prefix = $"lg-{runId}-{worker}-";
    private readonly string _sameUser = $"lg-{runId}-same-user";

    protected override async Task<int> SendAsync(long sequence)
    {
        var key = _prefix + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new CreateRechargeRequest
        {
            IdempotencyKey = key,
            UserId = sameUser ? _sameUser : key,
            RegionCode = "US",
            PackageId = "coins_100",
            PaymentMethod = SandboxOk,
        };
        var response = await _client.CreateRechargeAsync(request);
        return response.Recharge.Status == RechargeStatus.Succeeded ? Outcome.Ok : Outcome.NotSucceeded;
    }
}
