namespace PaymentCore.FraudRules.Tests;

/// <summary>
/// What each operator evaluates to. <c>:account_age_days: &gt; 0</c> stands for a condition that is
/// true (age 1), false (age 0) or unknown (age missing); <c>:amount_usd: &gt; 0</c> likewise.
/// </summary>
public sealed class TruthTableTests
{
    private const string A = ":account_age_days: > 0";
    private const string B = ":amount_usd: > 0";

    [Theory]
    [InlineData("true", "true", "true")]
    [InlineData("true", "false", "false")]
    [InlineData("true", "unknown", "unknown")]
    [InlineData("false", "true", "false")]
    [InlineData("false", "false", "false")]
    [InlineData("false", "unknown", "false")]
    [InlineData("unknown", "true", "unknown")]
    [InlineData("unknown", "false", "false")]
    [InlineData("unknown", "unknown", "unknown")]
    public void And(string a, string b, string expected) =>
        Assert.Equal(expected, Conditions.Evaluate($"{A} and {B}", Facts(a, b)));

    [Theory]
    [InlineData("true", "true", "true")]
    [InlineData("true", "false", "true")]
    [InlineData("true", "unknown", "true")]
    [InlineData("false", "true", "true")]
    [InlineData("false", "false", "false")]
    [InlineData("false", "unknown", "unknown")]
    [InlineData("unknown", "true", "true")]
    [InlineData("unknown", "false", "unknown")]
    [InlineData("unknown", "unknown", "unknown")]
    public void Or(string a, string b, string expected) =>
        Assert.Equal(expected, Conditions.Evaluate($"{A} or {B}", Facts(a, b)));

    [Theory]
    [InlineData("true", "false")]
    [InlineData("false", "true")]
    [InlineData("unknown", "unknown")]
    public void Not(string a, string expected) =>
        Assert.Equal(expected, Conditions.Evaluate($"not {A}", Facts(a, "true")));

    [Theory]
    [InlineData("=", 10000, true)]
    [InlineData("=", 10001, false)]
    [InlineData("!=", 10000, false)]
    [InlineData("!=", 10001, true)]
    [InlineData("<", 9999, true)]
    [InlineData("<", 10000, false)]
    [InlineData("<=", 10000, true)]
    [InlineData("<=", 10001, false)]
    [InlineData(">", 10001, true)]
    [InlineData(">", 10000, false)]
    [InlineData(">=", 10000, true)]
    [InlineData(">=", 9999, false)]
    public void NumberComparisons_AreExactToTheMinorUnit(string op, long amountInCents, bool fires)
    {
        var facts = new RiskFacts { [RiskAttributes.AmountUsd] = RiskValue.FromUsdCents(amountInCents) };

        Assert.Equal(fires, Conditions.Fires($":amount_usd: {op} 100", facts));
    }

    [Theory]
    [InlineData(":card_country: = 'US'", "US", true)]
    [InlineData(":card_country: = 'us'", "US", true)]
    [InlineData(":card_country: = 'US'", "DE", false)]
    [InlineData(":card_country: != 'US'", "DE", true)]
    [InlineData(":card_country: != 'US'", "us", false)]
    [InlineData(":card_country: in ('US', 'CA')", "ca", true)]
    [InlineData(":card_country: in ('US', 'CA')", "DE", false)]
    [InlineData(":card_country: not in ('US', 'CA')", "DE", true)]
    [InlineData(":card_country: not in ('US', 'CA')", "US", false)]
    public void StringComparisonsAndLists_IgnoreCase(string condition, string country, bool fires) =>
        Assert.Equal(fires, Conditions.Fires(condition, new RiskFacts { ["card_country"] = country }));

    [Theory]
    [InlineData(":account_age_days: in (0, 1, 2)", 2, true)]
    [InlineData(":account_age_days: in (0, 1.0, 2)", 1, true)]
    [InlineData(":account_age_days: in (0, 1, 2)", 3, false)]
    [InlineData(":account_age_days: not in (0, 1, 2)", 3, true)]
    [InlineData(":account_age_days: not in (0, 1, 2)", 0, false)]
    public void NumberLists(string condition, int age, bool fires) =>
        Assert.Equal(fires, Conditions.Fires(condition, new RiskFacts { ["account_age_days"] = age }));

    [Theory]
    [InlineData(":is_first_purchase:", true, true)]
    [InlineData(":is_first_purchase:", false, false)]
    [InlineData(":is_first_purchase: = true", true, true)]
    [InlineData(":is_first_purchase: = false", true, false)]
    [InlineData(":is_first_purchase: != false", true, true)]
    [InlineData("not :is_first_purchase:", false, true)]
    public void Booleans(string condition, bool firstPurchase, bool fires) =>
        Assert.Equal(fires, Conditions.Fires(condition, new RiskFacts { ["is_first_purchase"] = firstPurchase }));

    [Theory]
    [InlineData("US", "US", false)]
    [InlineData("US", "us", false)]
    [InlineData("US", "DE", true)]
    public void AttributeAgainstAttribute(string cardCountry, string ipCountry, bool fires)
    {
        var facts = new RiskFacts { ["card_country"] = cardCountry, ["ip_country"] = ipCountry };

        Assert.Equal(fires, Conditions.Fires(":card_country: != :ip_country:", facts));
    }

    [Fact]
    public void NumberAttributeAgainstNumberAttribute()
    {
        var facts = new RiskFacts { ["charges_per_user_24h"] = 3, ["declines_per_user_1h"] = 4 };

        Assert.True(Conditions.Fires(":declines_per_user_1h: > :charges_per_user_24h:", facts));
        Assert.False(Conditions.Fires(":declines_per_user_1h: <= :charges_per_user_24h:", facts));
    }

    [Theory]
    [InlineData("true", "false", "false", "true")]
    [InlineData("false", "true", "false", "false")]
    [InlineData("false", "true", "true", "true")]
    public void AndBindsTighterThanOr(string a, string b, string c, string expected)
    {
        // a or b and c  ==  a or (b and c)
        var facts = Facts(a, b);
        facts["is_first_purchase"] = c == "true";

        Assert.Equal(expected, Conditions.Evaluate($"{A} or {B} and :is_first_purchase:", facts));
    }

    [Fact]
    public void NotBindsTighterThanAnd()
    {
        // not a and b  ==  (not a) and b, which differs from not (a and b) when a and b are false.
        var facts = Facts("false", "false");

        Assert.Equal("false", Conditions.Evaluate($"not {A} and {B}", facts));
        Assert.Equal("true", Conditions.Evaluate($"not ({A} and {B})", facts));
    }

    [Fact]
    public void Parentheses_OverridePrecedence()
    {
        var facts = Facts("true", "false");
        facts["is_first_purchase"] = false;

        Assert.Equal("true", Conditions.Evaluate($"{A} or {B} and :is_first_purchase:", facts));
        Assert.Equal("false", Conditions.Evaluate($"({A} or {B}) and :is_first_purchase:", facts));
    }

    private static RiskFacts Facts(string a, string b)
    {
        var facts = new RiskFacts();
        Set(facts, "account_age_days", a);
        Set(facts, "amount_usd", b);
        return facts;
    }

    private static void Set(RiskFacts facts, string attribute, string truth) =>
        facts[attribute] = truth switch
        {
            "true" => 1,
            "false" => 0,
            _ => RiskValue.Missing,
        };
}
