namespace PaymentCore.FraudRules.Tests;

/// <summary>Evaluation is on the hot path of every charge: it allocates nothing but the verdict.</summary>
public sealed class EvaluationCostTests
{
    private static readonly RuleSet Rules = RuleSet.Parse("""
        block_mismatch: block if :card_country: != :ip_country: and :amount_usd: > 100
        review_burst: review if :attempts_per_device_10m: > 5 or :distinct_instruments_per_user_24h: >= 3
        block_countries: block if :ip_country: in ('KP', 'IR', 'SY') and not (:verification_level: = 'verified')
        review_new: review if :account_age_days: < 1 and :is_first_purchase: and :payment_method: = 'card'
        """);

    [Fact]
    public void Evaluation_WhenNoRuleFires_AllocatesNothing()
    {
        var facts = new RiskFacts
        {
            ["card_country"] = "US",
            ["ip_country"] = "US",
            ["amount_usd"] = 500m,
            ["attempts_per_device_10m"] = 1,
            ["account_age_days"] = 30,
        };
        Rules.Evaluate(facts);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var verdict = Rules.Evaluate(facts);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(RuleAction.Allow, verdict.Action);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Evaluation_WhenRulesFire_AllocatesOnlyTheVerdictAndItsIds()
    {
        var facts = new RiskFacts { ["card_country"] = "US", ["ip_country"] = "DE", ["amount_usd"] = 500m, ["attempts_per_device_10m"] = 9 };
        Rules.Evaluate(facts);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var verdict = Rules.Evaluate(facts);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(["block_mismatch", "review_burst"], verdict.FiredRuleIds);
        Assert.InRange(allocated, 1, 128);
    }
}
