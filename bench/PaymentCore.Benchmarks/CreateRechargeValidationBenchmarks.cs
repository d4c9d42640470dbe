using BenchmarkDotNet.Attributes;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Pricing;

namespace PaymentCore.Benchmarks;

/// <summary>
/// What validating a CreateRecharge costs: every field checked against the catalog in force, the
/// instrument read by its payment method's registry entry, the request's fingerprint hashed for
/// the idempotency scope, and the domain order built.
/// </summary>
[MemoryDiagnoser]
public class CreateRechargeValidationBenchmarks
{
    private BenchmarkHost _host = null!;
    private RechargeRequestValidator _validator = null!;
    private CreateRechargeRequest _plain = null!;
    private CreateRechargeRequest _withRiskContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchmarkHost();
        _validator = _host.Get<RechargeRequestValidator>();
        _plain = BenchmarkHost.SandboxRequest("validate-key", "validate-user");
        _withRiskContext = BenchmarkHost.SandboxRequest("validate-key", "validate-user");
        _withRiskContext.Risk = new RiskContext
        {
            IpAddress = "203.0.113.7",
            DeviceId = "device-1234",
            IpCountry = "US",
            EmailDomain = "Example.com",
            VerificationLevel = VerificationLevel.Verified,
            AccountCreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-400)),
        };
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _host.DisposeAsync();

    /// <summary>The load generator's request: a package, a Sandbox token, no risk context.</summary>
    [Benchmark(Baseline = true)]
    public RechargeOrder ValidatePackageRequest() => _validator.ValidateCreate(_plain, BenchmarkHost.Caller);

    /// <summary>The same with every risk signal a caller can send (IP, device, country, e-mail domain, account age).</summary>
    [Benchmark]
    public RechargeOrder ValidateRequestWithRiskContext() => _validator.ValidateCreate(_withRiskContext, BenchmarkHost.Caller);
}
