namespace PaymentCore.Tests.Redis;

/// <summary>PaymentCore configuration for tests against Redis.</summary>
public static class RedisSettings
{
    /// <summary>A server on <paramref name="configuration"/> with a key prefix of its own (or the one given, to share state).</summary>
    public static Dictionary<string, string?> For(string configuration, string? keyPrefix = null) => new()
    {
        ["Redis:Configuration"] = configuration + PaymentCore.Tests.State.TestRedisTimeouts.Suffix,
        ["Redis:KeyPrefix"] = keyPrefix ?? NewPrefix(),
    };

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>One tier whose only rule is a user amount limit over 24 hours, in USD.</summary>
    public static Dictionary<string, string?> WithDailyAmountLimit(this Dictionary<string, string?> settings, string limit) =>
        settings.WithDailyUserLimit("user_amount_24h", "Amount", limit);

    /// <summary>One tier whose only rule is a user count limit over 24 hours.</summary>
    public static Dictionary<string, string?> WithDailyCountLimit(this Dictionary<string, string?> settings, int limit) =>
        settings.WithDailyUserLimit("user_count_24h", "Count", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, string?> WithDailyUserLimit(this Dictionary<string, string?> settings, string name, string measure, string limit)
    {
        settings["Limits:Tiers:0:Name"] = "test";
        settings["Limits:Tiers:0:Rules:0:Name"] = name;
        settings["Limits:Tiers:0:Rules:0:Dimension"] = "User";
        settings["Limits:Tiers:0:Rules:0:Measure"] = measure;
        settings["Limits:Tiers:0:Rules:0:Window"] = "1.00:00:00";
        settings["Limits:Tiers:0:Rules:0:Limit"] = limit;
        return settings;
    }
}
