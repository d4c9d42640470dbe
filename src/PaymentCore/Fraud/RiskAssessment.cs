using PaymentCore.Catalog;
using PaymentCore.FraudRules;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using PaymentCore.Telemetry;

namespace PaymentCore.Fraud;

/// <summary>
/// Puts the fraud rules in the recharge flow: says which window counts the loaded rules need (the
/// limit reservation reports them, so screening costs no extra Redis round trip), builds the facts
/// of an attempt and evaluates them.
/// </summary>
public sealed partial class RiskAssessment(
    FraudScreen screen,
    LimitPolicy limits,
    PaymentCoreMetrics metrics,
    TimeProvider time,
    ILogger<RiskAssessment> logger)
{
    [ThreadStatic]
    private static RiskFacts? t_facts;

    /// <summary>Per limit dimension, the windows whose counts the loaded rules read.</summary>
    public IReadOnlyDictionary<LimitDimension, IReadOnlyList<TimeSpan>> CountWindows() =>
        screen.VelocityAttributesInUse
            .Select(a => a.Velocity!)
            .GroupBy(v => DimensionOf(v.Dimension))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimeSpan>)g.Select(v => v.Window).Distinct().ToList());

    public RiskDecision Assess(CreateRechargeCommand command, Recharge recharge, LimitReservation reservation)
    {
        var risk = command.Risk;
        // One value per attribute, velocity counters included, is about 2 KB: reused per thread (this
        // method does not await, and the evaluation keeps no reference to the facts).
        var facts = t_facts ??= new RiskFacts();
        facts.Clear();
        facts[RiskAttributes.Currency] = recharge.Amount.Currency;
        facts[RiskAttributes.Region] = recharge.RegionCode;
        facts[RiskAttributes.PaymentMethod] = CatalogLoader.MethodName(recharge.MethodType);
        facts[RiskAttributes.IpCountry] = risk.IpCountry;
        facts[RiskAttributes.EmailDomain] = risk.EmailDomain;
        facts[RiskAttributes.VerificationLevel] = risk.VerificationLevel;
        // Amount facts are in USD: with another reference currency they stay missing.
        var amountsInUsd = limits.Reference.ReferenceCurrency == "USD";
        if (amountsInUsd)
        {
            facts[RiskAttributes.AmountUsd] = RiskValue.FromUsdCents(recharge.AmountReference);
        }

        if (risk.AccountCreatedAt is { } created)
        {
            facts[RiskAttributes.AccountAgeDays] = (decimal)Math.Max(0, (int)(time.GetUtcNow() - created).TotalDays);
        }

        foreach (var attribute in screen.VelocityAttributesInUse)
        {
            facts[attribute] = Velocity(attribute.Velocity!, reservation, amountsInUsd);
        }

        var evaluation = screen.Evaluate(facts);
        metrics.FraudDecision(evaluation.Enforced.Action.ToString().ToLowerInvariant(), evaluation.Enforced.DecidingRuleId);
        if (evaluation.DryRunDiffers)
        {
            LogDryRunDiffers(recharge.RechargeId, evaluation.Enforced.Action, evaluation.DryRun!.Action, evaluation.DryRun.DecidingRuleId);
        }

        return RiskDecision.Of(evaluation);
    }

    /// <summary>
    /// A velocity fact from the reservation's window counts (see <see cref="WindowCount"/> for what each
    /// counts). Missing when the dimension was not counted (no IP or device given, or an instrument
    /// known only after the payer acts), and an amount when the limits' reference currency is not USD.
    /// </summary>
    private static RiskValue Velocity(VelocityCounter counter, LimitReservation reservation, bool amountsInUsd)
    {
        if (!reservation.Counts.TryGetValue(DimensionOf(counter.Dimension), out var counts)
            || counts.FirstOrDefault(c => c.Window == counter.Window) is not { } count)
        {
            return RiskValue.Missing;
        }

        return counter.Measure switch
        {
            VelocityMeasure.Attempts => (decimal)count.Attempts,
            VelocityMeasure.Charges => (decimal)count.Charges,
            VelocityMeasure.AmountUsd => amountsInUsd ? RiskValue.FromUsdCents(count.Amount) : RiskValue.Missing,
            VelocityMeasure.DistinctInstruments => (decimal)count.DistinctInstruments,
            VelocityMeasure.Declines => (decimal)count.Declines,
            _ => throw new ArgumentOutOfRangeException(nameof(counter), counter.Measure, null),
        };
    }

    private static LimitDimension DimensionOf(VelocityDimension dimension) => dimension switch
    {
        VelocityDimension.User => LimitDimension.User,
        VelocityDimension.Device => LimitDimension.Device,
        VelocityDimension.Ip => LimitDimension.Ip,
        VelocityDimension.Instrument => LimitDimension.Instrument,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Recharge {RechargeId}: dry-run rules would decide {DryRun} (by {RuleId}) where {Enforced} was enforced")]
    private partial void LogDryRunDiffers(string rechargeId, RuleAction enforced, RuleAction dryRun, string? ruleId);
}
