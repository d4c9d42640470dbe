using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Currencies;

namespace PaymentCore.Limits;

/// <summary>One attempt as the limits see it.</summary>
public sealed record LimitAttempt(
    string EntryId,
    string UserId,
    string VerificationLevel,
    string Region,
    PaymentMethodType Method,
    string? InstrumentFingerprint,
    string? Ip,
    string? Device,
    Money Amount,
    DateTimeOffset At);

/// <summary>
/// The configured limits, checked once at startup: picks the tier of an attempt and builds one
/// <see cref="LimitCheck"/> per dimension it is counted on.
/// </summary>
public sealed class LimitPolicy
{
    public const string Unverified = "unverified";
    public const string Verified = "verified";

    private readonly IReadOnlyList<Tier> _tiers;

    /// <summary>The tier of each (verification level, region, method) asked for; validated requests keep this small.</summary>
    private readonly ConcurrentDictionary<(string VerificationLevel, string Region, PaymentMethodType? Method), Tier> _tierOf = new();

    public LimitPolicy(IOptions<LimitsOptions> options, CatalogSource catalog)
    {
        var settings = options.Value;
        var rates = settings.ExchangeRates.Count > 0 ? settings.ExchangeRates : LimitDefaults.ExchangeRates;
        Reference = new ReferenceAmount(settings.ReferenceCurrency, rates, CurrencyTable.Iso4217);
        var missing = catalog.Current.Regions.Select(r => r.Currency).Distinct().Where(c => !Reference.Knows(c)).ToList();
        if (missing.Count > 0)
        {
            throw new OptionsValidationException("Limits", typeof(LimitsOptions),
                [$"Limits:ExchangeRates: no rate to {Reference.ReferenceCurrency} for catalog currencies {string.Join(", ", missing)}"]);
        }

        _tiers = (settings.Tiers.Count > 0 ? settings.Tiers : LimitDefaults.Tiers).Select((t, i) => Compile(t, i)).ToList();
        BudgetCoolingOff = settings.BudgetCoolingOff;
        Horizon = _tiers.SelectMany(t => t.Rules).Select(r => r.Window).Append(SpendingBudget.Window).Append(MaxCountWindow).Max();
    }

    /// <summary>The longest window the fraud rules may count over; entries are kept at least this long.</summary>
    public static readonly TimeSpan MaxCountWindow = TimeSpan.FromDays(1);

    public ReferenceAmount Reference { get; }

    public TimeSpan BudgetCoolingOff { get; }

    /// <summary>The longest window of any rule: counted entries older than this are dropped.</summary>
    public TimeSpan Horizon { get; }

    /// <param name="attempt">The attempt.</param>
    /// <param name="countWindows">Per dimension, the windows whose counts the fraud rules read; a dimension
    /// listed here is counted even when no limit applies to it.</param>
    public IReadOnlyList<LimitCheck> ChecksFor(LimitAttempt attempt, IReadOnlyDictionary<LimitDimension, IReadOnlyList<TimeSpan>> countWindows)
    {
        var tier = TierFor(attempt.VerificationLevel, attempt.Region, attempt.Method);
        var amount = Reference.Convert(attempt.Amount, CurrencyTable.Iso4217);
        var instrument = attempt.InstrumentFingerprint is null ? null : LimitKeys.Instrument(attempt.InstrumentFingerprint);
        var checks = new List<LimitCheck> { Check(LimitKeys.User(attempt.UserId), LimitDimension.User) };
        if (instrument is not null)
        {
            AddIfCounted(instrument, LimitDimension.Instrument);
        }

        if (attempt.Ip is not null)
        {
            AddIfCounted(LimitKeys.Ip(attempt.Ip), LimitDimension.Ip);
        }

        if (attempt.Device is not null)
        {
            AddIfCounted(LimitKeys.Device(attempt.Device), LimitDimension.Device);
        }

        return checks;

        // Every key but the instrument's own records the instrument, for the distinct-instrument counts.
        LimitCheck Check(string key, LimitDimension dimension) =>
            new(key, tier.RulesOf(dimension), attempt.EntryId, amount, attempt.At, dimension, countWindows.GetValueOrDefault(dimension),
                dimension == LimitDimension.Instrument ? null : instrument);

        void AddIfCounted(string key, LimitDimension dimension)
        {
            if (tier.RulesOf(dimension).Count > 0 || countWindows.ContainsKey(dimension))
            {
                checks.Add(Check(key, dimension));
            }
        }
    }

    /// <summary>The user's own check (tier rules of the user dimension) for reading usage.</summary>
    public LimitCheck UserCheck(string userId, string verificationLevel, string region, DateTimeOffset now) =>
        new(LimitKeys.User(userId),
            TierFor(verificationLevel, region, method: null).RulesOf(LimitDimension.User),
            EntryId: string.Empty,
            AmountReference: 0,
            now);

    /// <summary>The most specific tier whose verification level, region and method all match.</summary>
    private Tier TierFor(string verificationLevel, string region, PaymentMethodType? method) =>
        _tierOf.GetOrAdd((verificationLevel, region, method), key => FindTier(key.VerificationLevel, key.Region, key.Method));

    private Tier FindTier(string verificationLevel, string region, PaymentMethodType? method)
    {
        var methodName = method is { } m ? CatalogLoader.MethodName(m) : null;
        return _tiers
            .Where(t => (t.VerificationLevel is null || t.VerificationLevel == verificationLevel)
                && (t.Region is null || t.Region == region)
                && (t.Method is null || t.Method == methodName))
            .OrderByDescending(t => t.Specificity)
            .FirstOrDefault() ?? Tier.Empty;
    }

    private Tier Compile(LimitTierOptions tier, int index)
    {
        var where = $"Limits:Tiers:{index}";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(tier.Name))
        {
            errors.Add($"{where}:Name is required");
        }

        if (tier.VerificationLevel is not (null or Unverified or Verified))
        {
            errors.Add($"{where}:VerificationLevel must be \"{Unverified}\" or \"{Verified}\"");
        }

        if (tier.Method is not null && !CatalogLoader.PaymentMethodNames.ContainsKey(tier.Method))
        {
            errors.Add($"{where}:Method '{tier.Method}' is not a payment method");
        }

        var rules = new List<LimitRule>();
        for (var i = 0; i < tier.Rules.Count; i++)
        {
            var rule = tier.Rules[i];
            var at = $"{where}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name) || rules.Any(r => r.Name == rule.Name) || rule.Name == SpendingBudget.RuleName)
            {
                errors.Add($"{at}:Name must be set, unique in the tier and not '{SpendingBudget.RuleName}'");
            }

            if (rule.Window <= TimeSpan.Zero)
            {
                errors.Add($"{at}:Window must be positive");
            }

            var limit = ParseLimit(rule, at, errors);
            rules.Add(new LimitRule(rule.Name, rule.Dimension, rule.Measure, rule.Window, limit));
        }

        return errors.Count == 0
            ? new Tier(tier.VerificationLevel, tier.Region, tier.Method, rules)
            : throw new OptionsValidationException("Limits", typeof(LimitsOptions), errors);
    }

    private long ParseLimit(LimitRuleOptions rule, string at, List<string> errors)
    {
        try
        {
            return rule.Measure == LimitMeasure.Amount
                ? Reference.ParseLimit(rule.Limit, CurrencyTable.Iso4217)
                : long.Parse(rule.Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            errors.Add($"{at}:Limit '{rule.Limit}' is not a valid {(rule.Measure == LimitMeasure.Amount ? "amount in " + Reference.ReferenceCurrency : "count")}");
            return 0;
        }
    }

    private sealed record Tier(string? VerificationLevel, string? Region, string? Method, IReadOnlyList<LimitRule> Rules)
    {
        private readonly Dictionary<LimitDimension, IReadOnlyList<LimitRule>> _byDimension =
            Enum.GetValues<LimitDimension>().ToDictionary(d => d, d => (IReadOnlyList<LimitRule>)Rules.Where(r => r.Dimension == d).ToList());

        public static Tier Empty { get; } = new(null, null, null, []);

        /// <summary>The tier's rules of one dimension, split once rather than per request.</summary>
        public IReadOnlyList<LimitRule> RulesOf(LimitDimension dimension) => _byDimension[dimension];

        public int Specificity => (VerificationLevel is null ? 0 : 1) + (Region is null ? 0 : 1) + (Method is null ? 0 : 1);
    }
}
