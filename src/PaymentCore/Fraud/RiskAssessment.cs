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
    /// <summary>Per limit dimension, the windows whose counts the loaded rules read.</summary>
    public IReadOnlyDictionary<LimitDimension, IReadOnlyList<TimeSpan>> CountWindows() =>
        screen.VelocityAttributesInUse
            .Select(a => a.Velocity!)
            .Where(v => v.Measure is VelocityMeasure.Attempts or VelocityMeasure.AmountUsd)
            .GroupBy(v => DimensionOf(v.Dimension))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimeSpan>)g.Select(v => v.Window).Distinct().ToList());

    public RiskDecision Assess(CreateRechargeCommand command, Recharge recharge, LimitReservation reservation)
    {
        var risk = command.Risk;
        var facts = new RiskFacts
        {
            [RiskAttributes.Currency] = recharge.Amount.Currency,
            [RiskAttributes.Region] = recharge.RegionCode,
            [RiskAttributes.PaymentMethod] = CatalogLoader.PaymentMethodNames.First(p => p.Value == recharge.MethodType).Key,
            [RiskAttributes.IpCountry] = risk.IpCountry,
            [RiskAttributes.EmailDomain] = risk.EmailDomain,
            [RiskAttributes.VerificationLevel] = risk.VerificationLevel,
        };
        if (limits.Reference.ReferenceCurrency == "USD")
        {
            facts[RiskAttributes.AmountUsd] = RiskValue.FromUsdCents(recharge.AmountReference);
        }

        if (risk.AccountCreatedAt is { } created)
        {
            facts[RiskAttributes.AccountAgeDays] = (decimal)Math.Max(0, (int)(time.GetUtcNow() - created).TotalDays);
        }

        foreach (var attribute in screen.VelocityAttributesInUse)
        {
            facts[attribute] = Velocity(attribute.Velocity!, reservation);
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
    /// A velocity fact from the reservation's window counts. Attempts and amounts are counted by the
    /// limits; successful charges, declines and distinct instruments are not (yet), so they stay
    /// missing and a rule reading them does not fire.
    /// </summary>
    private static RiskValue Velocity(VelocityCounter counter, LimitReservation reservation)
    {
        if (!reservation.Counts.TryGetValue(DimensionOf(counter.Dimension), out var counts)
            || counts.FirstOrDefault(c => c.Window == counter.Window) is not { } count)
        {
            return RiskValue.Missing;
        }

        return counter.Measure switch
        {
            VelocityMeasure.Attempts => (decimal)count.Attempts,
            VelocityMeasure.AmountUsd => RiskValue.FromUsdCents(count.Amount),
            _ => RiskValue.Missing,
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
