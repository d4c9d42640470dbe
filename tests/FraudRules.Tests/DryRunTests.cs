namespace PaymentCore.FraudRules.Tests;

/// <summary>A candidate rule set is evaluated next to the enforced one, and only reported.</summary>
public sealed class DryRunTests
{
    private static readonly RuleSet Enforced = RuleSet.Parse("block_huge: block if :amount_usd: > 1000");
    private static readonly RuleSet Candidate = RuleSet.Parse("""
        block_big: block if :amount_usd: > 100
        review_fast: review if :attempts_per_ip_1h: > 3
        """);

    [Fact]
    public void Candidate_IsEvaluated_ButTheEnforcedVerdictStandsAlone()
    {
        var rules = new ScreeningRules(Enforced, Candidate);

        var evaluation = rules.Evaluate(new RiskFacts { ["amount_usd"] = 500m });

        Assert.Equal(RuleAction.Allow, evaluation.Enforced.Action);
        Assert.Equal(Enforced.Version, evaluation.Enforced.RuleSetVersion);
        Assert.Equal(RuleAction.Block, evaluation.DryRun!.Action);
        Assert.Equal("block_big", evaluation.DryRun.DecidingRuleId);
        Assert.Equal(Candidate.Version, evaluation.DryRun.RuleSetVersion);
        Assert.True(evaluation.DryRunDiffers);
    }

    [Fact]
    public void SameDecision_DoesNotDiffer()
    {
        var evaluation = new ScreeningRules(Enforced, Candidate).Evaluate(new RiskFacts { ["amount_usd"] = 5000m });

        Assert.Equal(RuleAction.Block, evaluation.Enforced.Action);
        Assert.Equal(RuleAction.Block, evaluation.DryRun!.Action);
        Assert.False(evaluation.DryRunDiffers);
    }

    [Fact]
    public void WithoutCandidate_ThereIsNoDryRunVerdict()
    {
        var evaluation = new ScreeningRules(Enforced).Evaluate(new RiskFacts { ["amount_usd"] = 5000m });

        Assert.Equal(RuleAction.Block, evaluation.Enforced.Action);
        Assert.Null(evaluation.DryRun);
        Assert.False(evaluation.DryRunDiffers);
    }

    [Fact]
    public void VelocityAttributes_AreThoseOfBothSets()
    {
        var enforced = RuleSet.Parse("a: block if :declines_per_user_1h: > 5 and :charges_per_user_1h: > 1");

        var rules = new ScreeningRules(enforced, Candidate);

        Assert.Equal(["attempts_per_ip_1h", "charges_per_user_1h", "declines_per_user_1h"], rules.VelocityAttributes.Select(a => a.Name));
    }

    [Fact]
    public void None_AllowsEverything()
    {
        var evaluation = ScreeningRules.None.Evaluate(new RiskFacts { ["amount_usd"] = 1_000_000m });

        Assert.Equal(RuleAction.Allow, evaluation.Enforced.Action);
        Assert.Null(evaluation.DryRun);
    }
}
