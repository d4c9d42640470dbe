using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Ledger;

/// <summary>PaymentCore configuration for tests with a ledger: a Redis of the test's own key prefix, a ledger database, a quick drainer.</summary>
public static class LedgerSettings
{
    public static Dictionary<string, string?> For(string redis, string ledger, string? keyPrefix = null, TimeSpan? hotRetention = null)
    {
        var settings = RedisSettings.For(redis, keyPrefix);
        settings["Ledger:ConnectionString"] = ledger;
        settings["Ledger:IdleDelay"] = "00:00:00.050";
        settings["Ledger:ClaimAfter"] = "00:00:01";
        if (hotRetention is { } retention)
        {
            settings["Ledger:HotRetention"] = retention.ToString();
        }

        return settings;
    }

    /// <summary>The same as command-line arguments, for a <see cref="Infrastructure.PaymentCoreProcess"/>.</summary>
    public static string[] AsArguments(this Dictionary<string, string?> settings) => settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
}
