using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Orchestration;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// The real host on Redis with Stripe's base URL pointed at the loopback stand-in speaking Stripe's
/// wire format: what the local-method suites share. The reconciler's own loop waits an hour, so a
/// test runs a pass when it wants one (and may race it against a webhook).
/// </summary>
public sealed class StripeLocalHost : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_local_methods";

    private readonly HttpClient _http;

    private StripeLocalHost(StripeStub stripe, PaymentCoreServer server)
    {
        Stripe = stripe;
        Server = server;
        _http = new HttpClient { BaseAddress = server.HttpAddress };
    }

    public StripeStub Stripe { get; }

    public PaymentCoreServer Server { get; }

    public RechargeService.RechargeServiceClient Recharges => Server.Recharges;

    /// <param name="abandonActionAfter">The reconciler's patience with a payer whose action has no expiry of its own.</param>
    /// <param name="services">Replacements registered after the host's own (a log capture).</param>
    public static async Task<StripeLocalHost> StartAsync(
        RedisSingleNodeFixture redis, Action<StripeStub>? stripeSetup = null, string abandonActionAfter = "01:00:00", Action<IServiceCollection>? services = null)
    {
        var stripe = await StripeStub.StartAsync();
        stripeSetup?.Invoke(stripe);
        var settings = RedisSettings.For(redis.Configuration);
        settings["Gateways:Stripe:ApiKey"] = StripeStub.ApiKey;
        settings["Gateways:Stripe:ApiBase"] = stripe.Server.BaseAddress.ToString();
        settings["Gateways:Stripe:WebhookSecret"] = WebhookSecret;
        settings["Gateways:Stripe:ReturnUrl"] = StripeStub.ReturnUrl.ToString();
        settings["Reconciler:Interval"] = "01:00:00";
        settings["Reconciler:After"] = "00:00:00";
        settings["Reconciler:AbandonActionAfter"] = abandonActionAfter;
        return new StripeLocalHost(stripe, await PaymentCoreServer.StartAsync(settings, services));
    }

    /// <summary>One reconciler pass, as its loop would run it.</summary>
    public Task<int> ReconcileAsync() =>
        Server.Services.GetServices<IHostedService>().OfType<Reconciler>().Single().ReconcileOnceAsync(CancellationToken.None);

    public async Task<global::PaymentCore.Api.V1.Recharge> GetAsync(string rechargeId) =>
        (await Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = rechargeId })).Recharge;

    /// <summary>Delivers a Stripe event about the stand-in's payment intent, signed with <paramref name="secret"/> at <paramref name="signedAt"/>.</summary>
    public Task<HttpStatusCode> SendIntentEventAsync(string eventId, string type, string intentId, string secret = WebhookSecret, DateTimeOffset? signedAt = null) =>
        SendEventAsync(eventId, type, Stripe.Intent(intentId), secret, signedAt);

    public async Task<HttpStatusCode> SendEventAsync(string eventId, string type, System.Text.Json.Nodes.JsonObject dataObject, string secret = WebhookSecret, DateTimeOffset? signedAt = null)
    {
        var at = signedAt ?? DateTimeOffset.UtcNow;
        var body = StripeEvents.Event(eventId, type, dataObject, at);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeEvents.Signature(body, secret, at));
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The limit's amount used by <paramref name="userId"/> in <paramref name="region"/>.</summary>
    public async Task<long> AmountUsedAsync(string userId, string region) =>
        Assert.Single((await Recharges.GetLimitsAsync(new GetLimitsRequest { UserId = userId, RegionCode = region })).Limits, l => l.Name == "user_amount_24h").AmountUsed.MinorUnits;

    /// <summary>The asynchronous-payment guarantees for recharges paid with <paramref name="method"/> in <paramref name="region"/> on this host.</summary>
    public AsyncPaymentDriver Payments(string region, PaymentMethod method) => new(
        Server,
        async () => (await Recharges.CreateRechargeAsync(Request(region, method))).Recharge,
        recharge => AmountUsedAsync(recharge.UserId, region));

    /// <summary>Stripe's <c>payment_intent.succeeded</c> and two reconciler passes, to run at once.</summary>
    public Func<global::PaymentCore.Api.V1.Recharge, Task>[] SucceededWebhookAndReconcilers(string eventId) =>
    [
        recharge => SendIntentEventAsync(eventId, "payment_intent.succeeded", recharge.GatewayReference),
        _ => ReconcileAsync(),
        _ => ReconcileAsync(),
    ];

    /// <summary>
    /// The stand-in's code or voucher lapses on its own and Stripe has not said so yet: the action's own
    /// expiry is what ends the wait, so reconciler passes run until the recharge no longer waits.
    /// </summary>
    public Task ReconciledPastItsExpiryAsync(global::PaymentCore.Api.V1.Recharge waiting) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                await ReconcileAsync();
                return await GetAsync(waiting.RechargeId);
            },
            r => r.Status != global::PaymentCore.Api.V1.RechargeStatus.RequiresAction,
            TimeSpan.FromSeconds(15));

    public static CreateRechargeRequest Request(string region, PaymentMethod method, string? key = null) => new()
    {
        IdempotencyKey = key ?? Guid.NewGuid().ToString(),
        UserId = "local-" + Guid.NewGuid().ToString("N")[..10],
        RegionCode = region,
        PackageId = "coins_500",
        PaymentMethod = method,
    };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
