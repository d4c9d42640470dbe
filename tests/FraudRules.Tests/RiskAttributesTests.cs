namespace PaymentCore.FraudRules.Tests;

public sealed class RiskAttributesTests
{
    [Theory]
    [InlineData("amount_usd", AttributeType.Number)]
    [InlineData("currency", AttributeType.String)]
    [InlineData("region", AttributeType.String)]
    [InlineData("payment_method", AttributeType.String)]
    [InlineData("card_country", AttributeType.String)]
    [InlineData("card_bin_country", AttributeType.String)]
    [InlineData("ip_country", AttributeType.String)]
    [InlineData("email_domain", AttributeType.String)]
    [InlineData("account_age_days", AttributeType.Number)]
    [InlineData("verification_level", AttributeType.String)]
    [InlineData("is_first_purchase", AttributeType.Boolean)]
    public void RequestAttribute_HasItsType(string name, AttributeType type)
    {
        Assert.True(RiskAttributes.TryFind(name, out var attribute));
        Assert.Equal(type, attribute.Type);
        Assert.Null(attribute.Velocity);
    }

    [Fact]
    public void VelocityNames_FollowMeasurePerDimensionWindow()
    {
        string[] windows = ["10m", "1h", "24h"];
        var expected = new List<string>();
        foreach (var measure in new[] { "attempts", "charges", "amount_usd" })
        {
            foreach (var dimension in new[] { "user", "device", "ip", "instrument" })
            {
                expected.AddRange(windows.Select(window => $"{measure}_per_{dimension}_{window}"));
            }
        }

        foreach (var dimension in new[] { "user", "device", "ip" })
        {
            expected.AddRange(windows.Select(window => $"distinct_instruments_per_{dimension}_{window}"));
        }

        expected.Add("declines_per_user_1h");

        Assert.Equal(expected, RiskAttributes.Velocity.Select(a => a.Name));
        Assert.All(RiskAttributes.Velocity, a => Assert.Equal(AttributeType.Number, a.Type));
    }

    [Theory]
    [InlineData("amount_usd_per_instrument_24h", VelocityMeasure.AmountUsd, VelocityDimension.Instrument, 24 * 60, true)]
    [InlineData("attempts_per_device_10m", VelocityMeasure.Attempts, VelocityDimension.Device, 10, false)]
    [InlineData("distinct_instruments_per_ip_1h", VelocityMeasure.DistinctInstruments, VelocityDimension.Ip, 60, false)]
    [InlineData("declines_per_user_1h", VelocityMeasure.Declines, VelocityDimension.User, 60, false)]
    public void VelocityAttribute_NamesItsCounter(string name, VelocityMeasure measure, VelocityDimension dimension, int windowMinutes, bool isAmount)
    {
        var attribute = RiskAttributes.Find(name);

        Assert.Equal(new VelocityCounter(measure, dimension, TimeSpan.FromMinutes(windowMinutes)), attribute.Velocity);
        Assert.Equal(isAmount, attribute.IsAmount);
    }

    [Fact]
    public void Names_AreUniqueAndEveryAttributeIsRequestOrVelocity()
    {
        Assert.Equal(RiskAttributes.All.Count, RiskAttributes.All.Select(a => a.Name).Distinct().Count());
        Assert.Equal(11 + RiskAttributes.Velocity.Count, RiskAttributes.All.Count);
    }

    [Fact]
    public void ClosedStringAttributes_ListTheirValues()
    {
        Assert.Equal(["unverified", "verified"], RiskAttributes.VerificationLevel.AllowedValues!);
    }

    [Fact]
    public void PaymentMethodValues_AreTheHostsOwn()
    {
        var vocabulary = new RuleVocabulary(paymentMethods: ["card", "pix"]);

        Assert.Equal(["card", "pix"], vocabulary.AllowedValuesOf(RiskAttributes.PaymentMethod)!);
        Assert.Null(RuleVocabulary.Open.AllowedValuesOf(RiskAttributes.PaymentMethod));
        Assert.Equal(["unverified", "verified"], vocabulary.AllowedValuesOf(RiskAttributes.VerificationLevel)!);
        Assert.Single(RuleSet.Parse("r: block if :payment_method: = 'PIX'", vocabulary).Rules);
        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse("r: block if :payment_method: in ('card', 'paypal')", vocabulary));
        Assert.Equal("line 1, column 42: expected one of 'card', 'pix' for :payment_method:, found the string 'paypal'", error.Message);
    }

    [Fact]
    public void Find_OfAnUnknownName_Throws() =>
        Assert.Throws<ArgumentException>(() => RiskAttributes.Find("amount"));
}
