using System.Diagnostics.CodeAnalysis;

namespace PaymentCore.Limits;

/// <summary>Section "Limits": velocity and transaction limits by tier, and the reference currency they are counted in.</summary>
[SuppressMessage("Design", "CA2227", Justification = "Bound from configuration.")]
public sealed class LimitsOptions
{
    /// <summary>ISO 4217 code amount limits are expressed and counted in.</summary>
    public string ReferenceCurrency { get; set; } = "USD";

    /// <summary>
    /// Per currency, the value of one unit in the reference currency, as a decimal string
    /// ("EUR": "1.10"). Conversions round up, so a limit is never under-counted.
    /// </summary>
    public Dictionary<string, string> ExchangeRates { get; set; } = [];

    /// <summary>Tiers; the most specific tier that matches an attempt applies. Empty: <see cref="LimitDefaults"/>.</summary>
    public List<LimitTierOptions> Tiers { get; set; } = [];

    /// <summary>
    /// The HMAC-SHA256 key, at least 32 characters, that instrument fingerprints which are personal
    /// data (phone numbers) are keyed with before they name a limit counter; every replica sharing a
    /// Redis needs the same one, and changing it starts those counters afresh. Unset: a random key
    /// per process (enough for the in-memory store); required once carrier billing is configured.
    /// </summary>
    public string? FingerprintKey { get; set; }

    /// <summary>How long a raised spending budget waits before it applies (lowering applies at once).</summary>
    public TimeSpan BudgetCoolingOff { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>A tier: the rules for attempts that match its verification level, region and method (unset = any).</summary>
[SuppressMessage("Design", "CA2227", Justification = "Bound from configuration.")]
public sealed class LimitTierOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>"unverified" or "verified"; unset matches both.</summary>
    public string? VerificationLevel { get; set; }

    /// <summary>Region code; unset matches every region.</summary>
    public string? Region { get; set; }

    /// <summary>Payment method name (sandbox, card, paypal, voucher, alipay, wechat_pay, carrier_billing); unset matches every method.</summary>
    public string? Method { get; set; }

    public List<LimitRuleOptions> Rules { get; set; } = [];
}

/// <summary>One rule of a tier.</summary>
public sealed class LimitRuleOptions
{
    /// <summary>Stable name shown by GetLimits and in LIMIT_EXCEEDED errors, e.g. "user_amount_24h".</summary>
    public string Name { get; set; } = string.Empty;

    public LimitDimension Dimension { get; set; }

    public LimitMeasure Measure { get; set; }

    /// <summary>Rolling window, e.g. "00:10:00", "1.00:00:00", "30.00:00:00".</summary>
    public TimeSpan Window { get; set; }

    /// <summary>For amount rules a decimal string in the reference currency ("250.00"); for count rules a whole number.</summary>
    public string Limit { get; set; } = string.Empty;
}
