namespace PaymentCore.FraudRules.Tests;

/// <summary>allow beats block, block beats review, and no rule firing allows — whatever the rule order.</summary>
public sealed class VerdictPrecedenceTests
{
    private static readonly RiskFacts EveryRuleMatches = new() { ["amount_usd"] = 500m };

    [Theory]
    [InlineData("b: block if :amount_usd: > 1\nr: review if :amount_usd: > 1\na: allow if :amount_usd: > 1", RuleAction.Allow, "a")]
    [InlineData("a: allow if :amount_usd: > 1\nb: block if :amount_usd: > 1", RuleAction.Allow, "a")]
    [InlineData("r: review if :amount_usd: > 1\nb: block if :amount_usd: > 1", RuleAction.Block, "b")]
    [InlineData("b: block if :amount_usd: > 1\nr: review if :amount_usd: > 1", RuleAction.Block, "b")]
    [InlineData("r: review if :amount_usd: > 1", RuleAction.Review, "r")]
    [InlineData("a: allow if :amount_usd: > 1", RuleAction.Allow, "a")]
    public void WinningAction_FollowsPrecedenceNotOrder(string rules, RuleAction action, string decidingRule)
    {
        var verdict = RuleSet.Parse(rules).Evaluate(EveryRuleMatches);

        Assert.Equal(action, verdict.Action);
        Assert.Equal(decidingRule, verdict.DecidingRuleId);
    }

    [Fact]
    public void AllowRuleThatDoesNotFire_DoesNotOverrideABlock()
    {
        var rules = RuleSet.Parse("a: allow if :amount_usd: < 1\nb: block if :amount_usd: > 1");

        Assert.Equal(RuleAction.Block, rules.Evaluate(EveryRuleMatches).Action);
    }

    [Fact]
    public void NoRuleFiring_AllowsByDefault_WithNoDecidingRule()
    {
        var rules = RuleSet.Parse("b: block if :amount_usd: > 1000\nr: review if :amount_usd: > 900");

        var verdict = rules.Evaluate(EveryRuleMatches);

        Assert.Equal(RuleAction.Allow, verdict.Action);
        Assert.Null(verdict.DecidingRuleId);
        Assert.Empty(verdict.FiredRuleIds);
        Assert.Equal(rules.Version, verdict.RuleSetVersion);
    }

    [Fact]
    public void Verdict_ListsEveryFiredRuleInRuleSetOrder_AndTheFirstOfTheWinningActionDecides()
    {
        var rules = RuleSet.Parse("""
            review_big: review if :amount_usd: > 100
            block_huge: block if :amount_usd: > 1000
            block_big: block if :amount_usd: > 100
            allow_small: allow if :amount_usd: < 10
            block_new: block if :account_age_days: < 1
            """);

        var verdict = rules.Evaluate(new RiskFacts { ["amount_usd"] = 500m, ["account_age_days"] = 0 });

        Assert.Equal(RuleAction.Block, verdict.Action);
        Assert.Equal("block_big", verdict.DecidingRuleId);
        Assert.Equal(["review_big", "block_big", "block_new"], verdict.FiredRuleIds);
        Assert.Equal(rules.Version, verdict.RuleSetVersion);
    }

    [Fact]
    public void OverriddenRules_AreStillListedAsFired()
    {
        var rules = RuleSet.Parse("b: block if :amount_usd: > 1\na: allow if :is_first_purchase: = false");

        var verdict = rules.Evaluate(new RiskFacts { ["amount_usd"] = 5m, ["is_first_purchase"] = false });

        Assert.Equal(RuleAction.Allow, verdict.Action);
        Assert.Equal(["b", "a"], verdict.FiredRuleIds);
    }
}
