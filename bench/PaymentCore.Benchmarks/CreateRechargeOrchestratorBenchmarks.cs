using System.Globalization;
using BenchmarkDotNet.Attributes;
using PaymentCore.Api;
using PaymentCore.Recharges;

namespace PaymentCore.Benchmarks;

/// <summary>
/// A whole CreateRecharge on the in-memory store with the Sandbox gateway: the idempotency claim,
/// the recharge recorded, limits and promotions reserved, risk screened, the Sandbox charged, the
/// outcome committed with its outbox event and saved response. Every operation is a new user with
/// a new idempotency key, as in scripts/bench.sh: a repeated key would be a replay (the saved
/// response, no work) and a repeated user would trip the per-user limits. The store keeps every
/// recharge, as the running service does (up to InMemoryStore:SettledCapacity).
/// </summary>
[MemoryDiagnoser]
public class CreateRechargeOrchestratorBenchmarks
{
    private BenchmarkHost _host = null!;
    private CreateRechargeCommand _template = null!;
    private long _sequence;

    [GlobalSetup]
    public async Task Setup()
    {
        _host = new BenchmarkHost();
        _template = await _host.Pricing.PriceAsync(
            _host.Validator.ValidateCreate(BenchmarkHost.SandboxRequest("template-key", "template-user"), BenchmarkHost.Caller), CancellationToken.None);
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _host.DisposeAsync();

    /// <summary>
    /// The orchestrator alone, given the validated and priced command of the load generator's
    /// request with this operation's key and user. The request fingerprint stays the template's:
    /// it is only compared with an earlier request of the same key, and every key is new.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task<Recharge> OrchestrateNewRecharge()
    {
        var (key, user) = Next();
        var command = _template with { Request = _template.Request with { IdempotencyKey = key }, UserId = user };
        return BenchmarkHost.Succeeded(await _host.Orchestrator.CreateAsync(command, CancellationToken.None));
    }

    /// <summary>The RPC's whole body but gRPC: validate, price, orchestrate, map the recharge to its proto message.</summary>
    [Benchmark]
    public async Task<Api.V1.Recharge> ValidatePriceOrchestrateAndMap()
    {
        var (key, user) = Next();
        return (await _host.CreateRechargeAsync(key, user)).ToProto();
    }

    private (string Key, string User) Next()
    {
        var n = (++_sequence).ToString(CultureInfo.InvariantCulture);
        return ("bench-key-" + n, "bench-user-" + n);
    }
}
