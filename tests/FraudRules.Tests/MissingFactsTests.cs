namespace PaymentCore.FraudRules.Tests;

/// <summary>A missing fact never makes a rule fire on its own; <c>is missing</c> tests for it explicitly.</summary>
public sealed class MissingFactsTests
{
    private static readonly RiskFacts OnlyAmount = new() { ["amount_usd"] = 250m };

    [Theory]
    [InlineData(":card_country: = 'US'")]
    [InlineData(":card_country: != 'US'")]
    [InlineData(":card_country: in ('US')")]
    [InlineData(":card_country: not in ('US')")]
    [InlineData("not (:card_country: = 'US')")]
    [InlineData(":account_age_days: < 1")]
    [InlineData("not (:account_age_days: >= 1)")]
    [InlineData(":account_age_days: in (0)")]
    [InlineData(":is_first_purchase:")]
    [InlineData("not :is_first_purchase:")]
    [InlineData(":card_country: != :ip_country:")]
    [InlineData(":amount_usd: > 100 and :card_country: != 'US'")]
    public void ConditionOnAMissingFact_DoesNotFire(string condition) =>
        Assert.False(Conditions.Fires(condition, OnlyAmount));

    [Fact]
    public void AttributeComparison_WithOneSideMissing_IsUnknown()
    {
        var facts = new RiskFacts { ["card_country"] = "US" };

        Assert.Equal("unknown", Conditions.Evaluate(":card_country: = :ip_country:", facts));
        Assert.Equal("unknown", Conditions.Evaluate(":ip_country: = :card_country:", facts));
    }

    [Fact]
    public void Or_FiresOnAKnownTrueBranch_DespiteAMissingOne() =>
        Assert.True(Conditions.Fires(":card_country: != 'US' or :amount_usd: > 100", OnlyAmount));

    [Theory]
    [InlineData(":card_country: is missing", true)]
    [InlineData(":card_country: is not missing", false)]
    [InlineData(":amount_usd: is missing", false)]
    [InlineData(":amount_usd: is not missing", true)]
    [InlineData("not (:card_country: is missing)", false)]
    public void IsMissing_IsTrueOrFalse_NeverUnknown(string condition, bool fires) =>
        Assert.Equal(fires ? "true" : "false", Conditions.Evaluate(condition, OnlyAmount));

    [Fact]
    public void NullString_IsMissing()
    {
        var facts = new RiskFacts { ["card_country"] = "US" };

        facts["card_country"] = (string?)null;

        Assert.True(facts["card_country"].IsMissing);
        Assert.True(Conditions.Fires(":card_country: is missing", facts));
    }
}
