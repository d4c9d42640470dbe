namespace PaymentCore.Limits;

/// <summary>
/// The limits in force when configuration names no tiers: conservative for unverified users,
/// wider for verified ones. Amounts are in the reference currency (USD by default).
/// </summary>
public static class LimitDefaults
{
    private static readonly LimitTierOptions Unverified = Tier("unverified", "unverified",
            Rule("user_count_10m", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromMinutes(10), "10"),
            Rule("user_amount_24h", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(1), "250.00"),
            Rule("user_amount_30d", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(30), "1000.00"),
            Rule("instrument_amount_24h", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromDays(1), "250.00"),
            Rule("ip_count_10m", LimitDimension.Ip, LimitMeasure.Count, TimeSpan.FromMinutes(10), "30"),
            Rule("device_count_24h", LimitDimension.Device, LimitMeasure.Count, TimeSpan.FromDays(1), "50"));

    private static readonly LimitTierOptions Verified = Tier("verified", "verified",
            Rule("user_count_10m", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromMinutes(10), "30"),
            Rule("user_amount_24h", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(1), "2000.00"),
            Rule("user_amount_30d", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(30), "10000.00"),
            Rule("instrument_amount_24h", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromDays(1), "2000.00"),
            Rule("ip_count_10m", LimitDimension.Ip, LimitMeasure.Count, TimeSpan.FromMinutes(10), "100"),
            Rule("device_count_24h", LimitDimension.Device, LimitMeasure.Count, TimeSpan.FromDays(1), "200"));

    /// <summary>
    /// Germany's carrier-billing caps (the PSD2 exclusion for electronic communications: EUR 50 per
    /// purchase, EUR 300 per month per subscriber), per phone number, in USD at the demo rate 1.10:
    /// 55.00 and 330.00. A tier replaces the less specific ones, so it keeps their rules too. The
    /// per-purchase cap is a window no two purchases of one number share (1 ms): it sees the purchase alone.
    /// </summary>
    private static readonly LimitRuleOptions[] GermanCarrierCaps =
    [
        Rule("carrier_amount_per_purchase", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromMilliseconds(1), "55.00"),
        Rule("carrier_amount_30d", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromDays(30), "330.00"),
    ];

    public static IReadOnlyList<LimitTierOptions> Tiers { get; } =
    [
        Unverified,
        Verified,
        CarrierTier(Unverified, "DE", GermanCarrierCaps),
        CarrierTier(Verified, "DE", GermanCarrierCaps),
    ];

    /// <summary>Reference-currency value of one unit of each demo catalog currency.</summary>
    public static IReadOnlyDictionary<string, string> ExchangeRates { get; } = new Dictionary<string, string>
    {
        ["USD"] = "1",
        ["EUR"] = "1.10",
        ["JPY"] = "0.0068",
        ["KWD"] = "3.26",
        ["BRL"] = "0.19",
        ["IDR"] = "0.000064",
    };

    /// <summary>The rules of <paramref name="level"/>'s tier plus the carrier's caps, for carrier billing in <paramref name="region"/>.</summary>
    private static LimitTierOptions CarrierTier(LimitTierOptions level, string region, LimitRuleOptions[] caps) => new()
    {
        Name = $"carrier_billing_{region.ToLowerInvariant()}_{level.Name}",
        VerificationLevel = level.VerificationLevel,
        Region = region,
        Method = "carrier_billing",
        Rules = [.. level.Rules, .. caps],
    };

    private static LimitTierOptions Tier(string name, string verification, params LimitRuleOptions[] rules) =>
        new() { Name = name, VerificationLevel = verification, Rules = [.. rules] };

    private static LimitRuleOptions Rule(string name, LimitDimension dimension, LimitMeasure measure, TimeSpan window, string limit) =>
        new() { Name = name, Dimension = dimension, Measure = measure, Window = window, Limit = limit };
}
