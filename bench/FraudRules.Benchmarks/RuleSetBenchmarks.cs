using BenchmarkDotNet.Attributes;

namespace PaymentCore.FraudRules.Benchmarks;

/// <summary>
/// The cost the recharge hot path pays for fraud screening: parsing happens once per (re)load,
/// evaluation once per charge, with and without a dry-run candidate alongside.
/// </summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private string _text = null!;
    private RuleSet _rules = null!;
    private ScreeningRules _withDryRun = null!;
    private RiskFacts _ordinaryCharge = null!;
    private RiskFacts _riskyCharge = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(RuleSetBenchmarks).Assembly.GetManifestResourceStream("fifty-rules.txt")
            ?? throw new InvalidOperationException("fifty-rules.txt is not embedded.");
        _text = new StreamReader(stream).ReadToEnd();
        _rules = RuleSet.Parse(_text);
        if (_rules.Rules.Count != 50)
        {
            throw new InvalidOperationException($"Expected 50 rules, found {_rules.Rules.Count}.");
        }

        _withDryRun = new ScreeningRules(_rules, RuleSet.Parse(_text.Replace("> 1000", "> 500", StringComparison.Ordinal)));
        _ordinaryCharge = Facts(amountUsd: 9.99m, cardCountry: "US", ipCountry: "US", ageDays: 400, attempts: 1, declines: 0);
        _riskyCharge = Facts(amountUsd: 1500m, cardCountry: "BR", ipCountry: "NG", ageDays: 0, attempts: 12, declines: 4);
    }

    [Benchmark]
    public RuleSet Parse50Rules() => RuleSet.Parse(_text);

    /// <summary>The common case: every rule is evaluated and none fires.</summary>
    [Benchmark(Baseline = true)]
    public Verdict EvaluateOrdinaryCharge() => _rules.Evaluate(_ordinaryCharge);

    /// <summary>Many rules fire: the verdict lists them all.</summary>
    [Benchmark]
    public Verdict EvaluateRiskyCharge() => _rules.Evaluate(_riskyCharge);

    [Benchmark]
    public RuleEvaluation EvaluateRiskyChargeWithDryRun() => _withDryRun.Evaluate(_riskyCharge);

    private static RiskFacts Facts(decimal amountUsd, string cardCountry, string ipCountry, int ageDays, int attempts, int declines)
    {
        var facts = new RiskFacts
        {
            [RiskAttributes.AmountUsd] = amountUsd,
            [RiskAttributes.Currency] = "USD",
            [RiskAttributes.Region] = "US",
            [RiskAttributes.PaymentMethod] = "card",
            [RiskAttributes.CardCountry] = cardCountry,
            [RiskAttributes.CardBinCountry] = cardCountry,
            [RiskAttributes.IpCountry] = ipCountry,
            [RiskAttributes.EmailDomain] = "example.com",
            [RiskAttributes.AccountAgeDays] = ageDays,
            [RiskAttributes.VerificationLevel] = "unverified",
            [RiskAttributes.IsFirstPurchase] = ageDays == 0,
        };
        foreach (var counter in RiskAttributes.Velocity)
        {
            facts[counter] = counter.Velocity!.Measure switch
            {
                VelocityMeasure.AmountUsd => amountUsd * attempts,
                VelocityMeasure.Declines => declines,
                VelocityMeasure.DistinctInstruments => 1 + declines / 2,
                _ => attempts,
            };
        }

        return facts;
    }
}
