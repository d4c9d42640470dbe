using System.Net;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Adapters.Tests.Xendit;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>The host with Xendit configured against the stand-in, and Xendit's callback to it: what the QRIS and virtual-account suites share.</summary>
public static class XenditRecharges
{
    public static Task<PaymentCoreServer> StartAsync(
        string redis, XenditStub xendit, bool fastReconciler = false, string? dailyLimit = null, Action<IServiceCollection>? services = null) =>
        LocalRecharges.StartAsync(redis, new Dictionary<string, string?>
        {
            ["Gateways:Xendit:SecretKey"] = XenditStub.SecretKey,
            ["Gateways:Xendit:CallbackToken"] = XenditStub.CallbackToken,
            ["Gateways:Xendit:ApiBase"] = xendit.Server.BaseAddress.AbsoluteUri,
        }, fastReconciler, dailyLimit, services);

    /// <summary>Posts Xendit's callback for <paramref name="recharge"/>'s payment request (79,000 rupiah) with <paramref name="token"/>.</summary>
    public static async Task<HttpStatusCode> CallBackAsync(
        PaymentCoreServer server, string eventType, Recharge recharge, string status, string token = XenditStub.CallbackToken)
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var content = new StringContent(XenditStub.Callback(eventType, recharge.GatewayReference, recharge.RechargeId, status, 79_000), Encoding.UTF8, "application/json");
        content.Headers.Add("x-callback-token", token);
        using var response = await http.PostAsync("/webhooks/xendit", content);
        return response.StatusCode;
    }

    /// <summary>The asynchronous-payment guarantees for recharges paid with <paramref name="method"/> in region ID on <paramref name="server"/>.</summary>
    public static AsyncPaymentDriver Payments(PaymentCoreServer server, PaymentMethod method) => new(
        server,
        async () => (await server.Recharges.CreateRechargeAsync(LocalRecharges.Request("ID", method))).Recharge,
        server.DailyUsedAsync);

    /// <summary>Ten <c>payment.succeeded</c> callbacks and five ConfirmRecharge calls at once, beside the host's fast reconciler loop.</summary>
    public static Func<Recharge, Task>[] CallbacksAndConfirmationsAtOnce(PaymentCoreServer server) =>
    [
        async recharge => Assert.All(
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CallBackAsync(server, "payment.succeeded", recharge, "SUCCEEDED"))),
            a => Assert.Contains(a, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict })),
        async recharge => Assert.All(
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => server.ConfirmAsync(recharge, $"confirm-{i}"))),
            status => Assert.Contains(status, new[] { StatusCode.OK, StatusCode.FailedPrecondition, StatusCode.Aborted })),
    ];

    /// <summary>The payment request expires at Xendit, and Xendit's <c>payment_request.expiry</c> callback is answered 200.</summary>
    public static Func<Recharge, Task> ExpiredAndCalledBack(PaymentCoreServer server, XenditStub xendit) => async recharge =>
    {
        xendit.Expire(recharge.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await CallBackAsync(server, "payment_request.expiry", recharge, "EXPIRED"));
    };
}
