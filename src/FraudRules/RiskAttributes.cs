using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PaymentCore.FraudRules;

/// <summary>
/// Every attribute a rule may read. Request attributes describe the charge; velocity attributes
/// are counters over rolling windows, named <c>{measure}_per_{dimension}_{window}</c>: measure
/// <c>attempts</c>, <c>charges</c>, <c>amount_usd</c>, <c>distinct_instruments</c> or <c>declines</c>;
/// dimension <c>user</c>, <c>device</c>, <c>ip</c> or <c>instrument</c>; window <c>10m</c>, <c>1h</c>
/// or <c>24h</c> (e.g. <c>amount_usd_per_user_24h</c>); plus <c>declines_per_user_1h</c>. What each
/// measure counts, precisely, is on <see cref="VelocityMeasure"/>.
/// </summary>
public static class RiskAttributes
{
    /// <summary>Decimals of the reference currency (USD) in which amounts are compared.</summary>
    public const int ReferenceCurrencyDecimals = 2;

    // Declared before the attributes: their initializers register into it, in this order.
    private static readonly List<RiskAttribute> Registered = [];

    /// <summary>The charge's amount converted to the reference currency, in major units (12.34).</summary>
    public static RiskAttribute AmountUsd { get; } = Register("amount_usd", AttributeType.Number, isAmount: true);

    /// <summary>ISO 4217 code of the currency the user pays in.</summary>
    public static RiskAttribute Currency { get; } = Register("currency", AttributeType.String);

    /// <summary>The region code of the purchase.</summary>
    public static RiskAttribute Region { get; } = Register("region", AttributeType.String);

    /// <summary>The payment method's name; which names exist the host says (<see cref="RuleVocabulary"/>).</summary>
    public static RiskAttribute PaymentMethod { get; } = Register("payment_method", AttributeType.String);

    /// <summary>Country that issued the card (ISO 3166 alpha-2), when the gateway token tells.</summary>
    public static RiskAttribute CardCountry { get; } = Register("card_country", AttributeType.String);

    /// <summary>Country of the card's BIN range, when known.</summary>
    public static RiskAttribute CardBinCountry { get; } = Register("card_bin_country", AttributeType.String);

    /// <summary>Country of the caller-reported IP address.</summary>
    public static RiskAttribute IpCountry { get; } = Register("ip_country", AttributeType.String);

    public static RiskAttribute EmailDomain { get; } = Register("email_domain", AttributeType.String);

    /// <summary>Whole days since the account was created.</summary>
    public static RiskAttribute AccountAgeDays { get; } = Register("account_age_days", AttributeType.Number);

    public static RiskAttribute VerificationLevel { get; } =
        Register("verification_level", AttributeType.String, allowedValues: ["unverified", "verified"]);

    /// <summary>True when the user has never completed a recharge.</summary>
    public static RiskAttribute IsFirstPurchase { get; } = Register("is_first_purchase", AttributeType.Boolean);

    /// <summary>The counters, in a fixed order; the host fetches those its rule sets read.</summary>
    public static IReadOnlyList<RiskAttribute> Velocity { get; } = RegisterVelocity();

    public static IReadOnlyList<RiskAttribute> All { get; } = Registered.AsReadOnly();

    private static readonly FrozenDictionary<string, RiskAttribute> ByName =
        Registered.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    public static bool TryFind(string name, [NotNullWhen(true)] out RiskAttribute? attribute) =>
        ByName.TryGetValue(name, out attribute);

    /// <summary>The attribute of that name; an unknown name is a bug in the caller.</summary>
    public static RiskAttribute Find(string name) =>
        TryFind(name, out var attribute) ? attribute : throw new ArgumentException($"There is no risk attribute '{name}'.", nameof(name));

    /// <summary>The attribute whose name is nearest to a misspelt one, if any is near enough to suggest.</summary>
    internal static RiskAttribute? ClosestTo(string name)
    {
        var lowerCase = name.ToLowerInvariant();
        var maxDistance = Math.Max(1, name.Length / 4);
        RiskAttribute? best = null;
        foreach (var attribute in All)
        {
            var distance = EditDistance(lowerCase, attribute.Name);
            if (distance <= maxDistance)
            {
                maxDistance = distance - 1;
                best = attribute;
            }
        }

        return best;
    }

    private static RiskAttribute Register(string name, AttributeType type, IReadOnlyList<string>? allowedValues = null, bool isAmount = false, VelocityCounter? velocity = null)
    {
        var attribute = new RiskAttribute(Registered.Count, name, type, velocity, allowedValues, isAmount);
        Registered.Add(attribute);
        return attribute;
    }

    private static IReadOnlyList<RiskAttribute> RegisterVelocity()
    {
        (string Name, TimeSpan Length)[] windows = [("10m", TimeSpan.FromMinutes(10)), ("1h", TimeSpan.FromHours(1)), ("24h", TimeSpan.FromHours(24))];
        (string Name, VelocityDimension Dimension)[] dimensions =
            [("user", VelocityDimension.User), ("device", VelocityDimension.Device), ("ip", VelocityDimension.Ip), ("instrument", VelocityDimension.Instrument)];

        var velocity = new List<RiskAttribute>();
        foreach (var (measureName, measure) in new[] { ("attempts", VelocityMeasure.Attempts), ("charges", VelocityMeasure.Charges), ("amount_usd", VelocityMeasure.AmountUsd), ("distinct_instruments", VelocityMeasure.DistinctInstruments) })
        {
            foreach (var (dimensionName, dimension) in dimensions)
            {
                // An instrument is always exactly one distinct instrument: not worth a counter.
                if (measure == VelocityMeasure.DistinctInstruments && dimension == VelocityDimension.Instrument)
                {
                    continue;
                }

                foreach (var (windowName, window) in windows)
                {
                    velocity.Add(Register(
                        $"{measureName}_per_{dimensionName}_{windowName}",
                        AttributeType.Number,
                        isAmount: measure == VelocityMeasure.AmountUsd,
                        velocity: new VelocityCounter(measure, dimension, window)));
                }
            }
        }

        velocity.Add(Register("declines_per_user_1h", AttributeType.Number, velocity: new VelocityCounter(VelocityMeasure.Declines, VelocityDimension.User, TimeSpan.FromHours(1))));
        return velocity.AsReadOnly();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
