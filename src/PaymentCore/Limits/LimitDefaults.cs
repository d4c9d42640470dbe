namespace PaymentCore.Limits;

/// <summary>
/// The limits in force when configuration names no tiers: conservative for unverified users,
/// wider for verified ones. Amounts are in the reference currency (USD by default).
/// </summary>
public static class LimitDefaults
{
    public static IReadOnlyList<LimitTierOptions> Tiers { get; } =
    [
        Tier("unverified", "unverified",
            Rule("user_count_10m", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromMinutes(10), "10"),
            Rule("user_amount_24h", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(1), "250.00"),
            Rule("user_amount_30d", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(30), "1000.00"),
            Rule("instrument_amount_24h", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromDays(1), "250.00"),
            Rule("ip_count_10m", LimitDimension.Ip, LimitMeasure.Count, TimeSpan.FromMinutes(10), "30"),
            Rule("device_count_24h", LimitDimension.Device, LimitMeasure.Count, TimeSpan.FromDays(1), "50")),
        Tier("verified", "verified",
            Rule("user_count_10m", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromMinutes(10), "30"),
            Rule("user_amount_24h", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(1), "2000.00"),
            Rule("user_amount_30d", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(30), "10000.00"),
            Rule("instrument_amount_24h", LimitDimension.Instrument, LimitMeasure.Amount, TimeSpan.FromDays(1), "2000.00"),
            Rule("ip_count_10m", LimitDimension.Ip, LimitMeasure.Count, TimeSpan.FromMinutes(10), "100"),
            Rule("device_count_24h", LimitDimension.Device, LimitMeasure.Count, TimeSpan.FromDays(1), "200")),
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

    private static LimitTierOptions Tier(string name, string verification, params LimitRuleOptions[] rules) =>
        new() { Name = name, VerificationLevel = verification, Rules = [.. rules] };

    private static LimitRuleOptions Rule(string name, LimitDimension dimension, LimitMeasure measure, TimeSpan window, string limit) =>
        new() { Name = name, Dimension = dimension, Measure = measure, Window = window, Limit = limit };
}
