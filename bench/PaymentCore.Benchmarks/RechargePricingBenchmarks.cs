using BenchmarkDotNet.Attributes;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Pricing;
using PaymentCore.Recharges;

namespace PaymentCore.Benchmarks;

/// <summary>
/// What pricing a validated CreateRecharge costs (<see cref="RechargePricing.PriceAsync"/>): a
/// package at today's catalog price with the promotions running now, or a quote's signature
/// checked and its locked price taken.
/// </summary>
[MemoryDiagnoser]
public class RechargePricingBenchmarks
{
    private BenchmarkHost _host = null!;
    private RechargePricing _pricing = null!;
    private RechargeOrder _smallPackage = null!;
    private RechargeOrder _packageWithPromotion = null!;
    private RechargeOrder _quoted = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _host = new BenchmarkHost();
        _pricing = _host.Get<RechargePricing>();
        var validator = _host.Get<RechargeRequestValidator>();
        _smallPackage = validator.ValidateCreate(BenchmarkHost.SandboxRequest("price-key", "price-user"), BenchmarkHost.Caller);
        // The demo catalog's us_big_pack_bonus runs on coins_6500 (500 extra coins), without a code.
        _packageWithPromotion = validator.ValidateCreate(BenchmarkHost.SandboxRequest("price-key", "price-user", "coins_6500"), BenchmarkHost.Caller);

        // A quote issued by QuoteRecharge's own path; it stays valid for Catalog:QuoteTtl (15 minutes), longer than a run.
        var quote = await _pricing.QuoteAsync(
            validator.ValidateQuote(new QuoteRechargeRequest { UserId = "price-user", RegionCode = "US", PackageId = "coins_500" }),
            CancellationToken.None);
        var quoted = BenchmarkHost.SandboxRequest("price-key", "price-user");
        quoted.QuoteId = quote.QuoteId;
        _quoted = validator.ValidateCreate(quoted, BenchmarkHost.Caller);
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _host.DisposeAsync();

    /// <summary>The load generator's item: coins_100, no promotion applies.</summary>
    [Benchmark(Baseline = true)]
    public Task<CreateRechargeCommand> PricePackage() => _pricing.PriceAsync(_smallPackage, CancellationToken.None);

    [Benchmark]
    public Task<CreateRechargeCommand> PricePackageWithRunningPromotion() => _pricing.PriceAsync(_packageWithPromotion, CancellationToken.None);

    [Benchmark]
    public Task<CreateRechargeCommand> PriceSignedQuote() => _pricing.PriceAsync(_quoted, CancellationToken.None);
}
