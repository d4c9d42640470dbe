using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Hosting;
using PaymentCore.Orchestration;
using PaymentCore.Pricing;
using PaymentCore.Recharges;
using PaymentCore.Startup;
using Recharge = PaymentCore.Recharges.Recharge;
using RechargeStatus = PaymentCore.Recharges.RechargeStatus;

namespace PaymentCore.Benchmarks;

/// <summary>
/// PaymentCore's services exactly as Program registers them (<see cref="PaymentCoreHost.Build"/>),
/// in test mode on the in-memory store, with the demo catalog and the Sandbox gateway. The host is
/// built but never started: no Kestrel, no gRPC, and none of its background loops (outbox
/// dispatcher, reconciler, catalog and rule watchers) compete with the code being measured.
/// </summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    /// <summary>The caller every request comes from until caller authentication is configured.</summary>
    public const string Caller = CallerIdentity.Anonymous;

    private static readonly PaymentMethod SandboxOk = new() { Sandbox = new SandboxMethod { Token = "sandbox_ok" } };

    private readonly WebApplication _app;

    public BenchmarkHost()
    {
        // Empty Redis and ledger settings keep the in-memory store alone, whatever the environment names.
        _app = PaymentCoreHost.Build(["--Mode=test", "--Redis:Configuration=", "--Ledger:ConnectionString="]);
        StartupRefusal.ValidateConfiguration(_app.Services);
        // The started host builds its meter provider (the Prometheus exporter's) at start; built here
        // too, so the metrics a recharge records are collected as in production, not dropped unheard.
        _app.Services.GetRequiredService<MeterProvider>();
        Validator = Get<RechargeRequestValidator>();
        Pricing = Get<RechargePricing>();
        Orchestrator = Get<RechargeOrchestrator>();
    }

    public RechargeRequestValidator Validator { get; }

    public RechargePricing Pricing { get; }

    public RechargeOrchestrator Orchestrator { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A CreateRecharge as the load generator sends it (tools/LoadGen): a US package, the Sandbox's sandbox_ok token, no IP or device.</summary>
    public static CreateRechargeRequest SandboxRequest(string idempotencyKey, string userId, string packageId = "coins_100") => new()
    {
        IdempotencyKey = idempotencyKey,
        UserId = userId,
        RegionCode = "US",
        PackageId = packageId,
        PaymentMethod = SandboxOk,
    };

    /// <summary>
    /// CreateRecharge as its RPC runs it, without gRPC: validate, price, orchestrate. Throws unless
    /// a new recharge succeeded, so a replay or a refusal is never measured as a recharge.
    /// </summary>
    public async Task<Recharge> CreateRechargeAsync(string idempotencyKey, string userId)
    {
        var order = Validator.ValidateCreate(SandboxRequest(idempotencyKey, userId), Caller);
        var command = await Pricing.PriceAsync(order, CancellationToken.None);
        return Succeeded(await Orchestrator.CreateAsync(command, CancellationToken.None));
    }

    public static Recharge Succeeded(RechargeResult result) =>
        result is { Replayed: false, Recharge.Status: RechargeStatus.Succeeded }
            ? result.Recharge
            : throw new InvalidOperationException($"Expected a new succeeded recharge, got {result.Recharge.Status} (replayed: {result.Replayed}).");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
