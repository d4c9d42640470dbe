namespace PaymentCore.FraudRules.Tests;

public sealed class RiskFactsTests
{
    [Fact]
    public void UnsetAttribute_IsMissing() =>
        Assert.True(new RiskFacts()["ip_country"].IsMissing);

    [Fact]
    public void Values_ReadBackByNameOrAttribute()
    {
        var facts = new RiskFacts
        {
            ["amount_usd"] = 12.34m,
            [RiskAttributes.IpCountry] = "DE",
            ["is_first_purchase"] = true,
            ["attempts_per_device_10m"] = 3,
        };

        Assert.Equal(12.34m, facts[RiskAttributes.AmountUsd].Number);
        Assert.Equal("DE", facts["ip_country"].Text);
        Assert.True(facts["is_first_purchase"].Boolean);
        Assert.Equal(3m, facts["attempts_per_device_10m"].Number);
    }

    [Fact]
    public void Clear_MakesEveryAttributeMissingAgain()
    {
        var facts = new RiskFacts { ["ip_country"] = "DE", ["amount_usd"] = 5m, ["is_first_purchase"] = false };

        facts.Clear();

        Assert.All(RiskAttributes.All, attribute => Assert.True(facts[attribute].IsMissing, attribute.Name));
    }

    [Fact]
    public void UnknownAttribute_Throws() =>
        Assert.Throws<ArgumentException>(() => new RiskFacts { ["amount_eur"] = 1m });

    [Fact]
    public void ValueOfTheWrongType_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RiskFacts { ["amount_usd"] = "12.34" });

        Assert.StartsWith(":amount_usd: is a Number; cannot set it to the String '12.34'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingAValueAsAnotherType_Throws()
    {
        RiskValue value = "US";

        Assert.Throws<InvalidOperationException>(() => value.Number);
        Assert.Throws<InvalidOperationException>(() => RiskValue.Missing.Text);
    }

    [Theory]
    [InlineData(1234, "12.34")]
    [InlineData(5, "0.05")]
    [InlineData(0, "0.00")]
    [InlineData(-250, "-2.50")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void FromUsdCents_IsExact(long cents, string expected) =>
        Assert.Equal(expected, RiskValue.FromUsdCents(cents).ToString());
}
