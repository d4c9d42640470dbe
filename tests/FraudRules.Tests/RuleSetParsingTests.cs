namespace PaymentCore.FraudRules.Tests;

public sealed class RuleSetParsingTests
{
    [Fact]
    public void Rules_KeepIdActionAndLine_SkippingBlankLinesAndComments()
    {
        var rules = RuleSet.Parse("""
            # Card testing and stolen cards.

            block_country_mismatch: block if :card_country: != :ip_country: and :amount_usd: > 100
            review_device_burst: review if :attempts_per_device_10m: > 5   # bursts from one device
              allow_trusted: allow if :verification_level: = 'verified' and :account_age_days: >= 365
            """);

        Assert.Equal(
            [("block_country_mismatch", RuleAction.Block, 3), ("review_device_burst", RuleAction.Review, 4), ("allow_trusted", RuleAction.Allow, 5)],
            rules.Rules.Select(r => (r.Id, r.Action, r.Line)));
    }

    [Fact]
    public void WindowsLineEndings_AreAccepted()
    {
        var rules = RuleSet.Parse("a: block if :amount_usd: > 1\r\nb: review if :amount_usd: > 0.5\r\n");

        Assert.Equal(["a", "b"], rules.Rules.Select(r => r.Id));
    }

    [Theory]
    [InlineData("r: Block IF :amount_usd: > 1 AND NOT :is_first_purchase:")]
    [InlineData("r:block if :amount_usd:>1")]
    [InlineData("r: review if (:card_country: in ('US', 'CA') or :ip_country: not in ('DE')) and :region: = 'US'")]
    [InlineData("r: review if :email_domain: = 'o''reilly.example'")]
    [InlineData("r: block if :amount_usd: >= 99.99 and :amount_usd_per_user_24h: <= 1000.5")]
    [InlineData("r: review if :account_age_days: in (0, 1, 2)")]
    [InlineData("r: review if :is_first_purchase: = true and :is_first_purchase: != false")]
    [InlineData("r: review if :card_country: is missing or :card_bin_country: is not missing")]
    [InlineData("r: block if :payment_method: = 'CARD' and :verification_level: != 'unverified'")]
    [InlineData("r: review if not not (:amount_usd: < 5)")]
    [InlineData("\tr:\tblock\tif\t:amount_usd:\t>\t1")]
    public void ValidRule_Parses(string text)
    {
        var rules = RuleSet.Parse(text);

        Assert.Equal("r", Assert.Single(rules.Rules).Id);
    }

    [Fact]
    public void EmptyText_IsAnEmptySetThatAllowsEverything()
    {
        var rules = RuleSet.Parse("# nothing yet\n\n");

        Assert.Empty(rules.Rules);
        var verdict = rules.Evaluate(new RiskFacts());
        Assert.Equal(RuleAction.Allow, verdict.Action);
        Assert.Null(verdict.DecidingRuleId);
    }

    [Fact]
    public void Version_IsTheSameForTheSameTextAndChangesWithIt()
    {
        var text = "r: block if :amount_usd: > 100";

        var version = RuleSet.Parse(text).Version;

        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Equal(version, RuleSet.Parse(text).Version);
        Assert.NotEqual(version, RuleSet.Parse(text.Replace("100", "101", StringComparison.Ordinal)).Version);
    }

    [Fact]
    public void VelocityAttributes_AreThoseTheRulesRead_InRegistryOrder()
    {
        var rules = RuleSet.Parse("""
            a: block if :declines_per_user_1h: > 3 and :amount_usd: > 10
            b: review if :charges_per_user_10m: > 2 or :declines_per_user_1h: > 1
            """);

        Assert.Equal(["charges_per_user_10m", "declines_per_user_1h"], rules.VelocityAttributes.Select(a => a.Name));
    }

    [Fact]
    public void EveryFaultyLine_IsReported_AndTheSetIsRejectedWhole()
    {
        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse("""
            good: block if :amount_usd: > 100
            bad_one: block if :amount_usd: > 'x'
            bad_two: deny if :amount_usd: > 1
            """));

        Assert.Equal([2, 3], error.Errors.Select(e => e.Line));
        Assert.StartsWith("line 2, column 34: expected a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("; line 3, column 10: expected an action", error.Message, StringComparison.Ordinal);
    }
}
