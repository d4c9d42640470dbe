using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>What the local-method host tests share: the host on Redis, requests, races and the limit used.</summary>
internal static class LocalRecharges
{
    /// <summary>A host on <paramref name="redisConfiguration"/> with the gateway settings given, the reconciler fast when asked.</summary>
    /// <param name="services">Replacements registered after the host's own (a log capture).</param>
    public static Task<PaymentCoreServer> StartAsync(
        string redisConfiguration, IReadOnlyDictionary<string, string?> gateway, bool fastReconciler = false, string? dailyLimit = null, Action<IServiceCollection>? services = null)
    {
        var settings = RedisSettings.For(redisConfiguration);
        if (dailyLimit is not null)
        {
            settings = settings.WithDailyAmountLimit(dailyLimit);
        }

        if (fastReconciler)
        {
            settings["Reconciler:Interval"] = "00:00:00.2";
            settings["Reconciler:After"] = "00:00:00.5";
        }

        foreach (var (key, value) in gateway)
        {
            settings[key] = value;
        }

        return PaymentCoreServer.StartAsync(settings, services);
    }

    public static CreateRechargeRequest Request(string region, PaymentMethod method)
    {
        var request = Requests.Create(region: region);
        request.PaymentMethod = method;
        return request;
    }

    public static Task<Recharge> SettledAsync(this PaymentCoreServer server, Recharge recharge, RechargeStatus status) =>
        Eventually.ReturnsAsync(() => server.ReadAsync(recharge), r => r.Status == status, TimeSpan.FromSeconds(20));

    /// <summary>A caller's ConfirmRecharge racing callbacks: OK, or refused once the recharge is settled or busy.</summary>
    public static async Task<StatusCode> ConfirmAsync(this PaymentCoreServer server, Recharge recharge, string key)
    {
        try
        {
            await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = key, RechargeId = recharge.RechargeId });
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>Calls that may race the first one's answer: one recharge id, the others refused as in progress.</summary>
    public static async Task<string[]> StormAsync(this PaymentCoreServer server, CreateRechargeRequest request, int calls) =>
        await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return "in-progress";
            }
        }));

    public static async Task<long> DailyUsedAsync(this PaymentCoreServer server, Recharge recharge) =>
        (await server.Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = recharge.UserId, RegionCode = recharge.RegionCode }))
            .Limits.Single(l => l.Name == "user_amount_24h").AmountUsed.MinorUnits;
}
