using PaymentCore.FraudRules;

namespace PaymentCore.Fraud;

/// <summary>
/// The fraud check of the recharge flow: a charge's facts against the rules loaded right now.
/// The caller enforces <see cref="RuleEvaluation.Enforced"/> (block: fail with RISK_BLOCKED and
/// its <see cref="Verdict.DecidingRuleId"/>; review: step up) and records both verdicts.
/// </summary>
public sealed class FraudScreen(FraudRuleSource source)
{
    /// <summary>
    /// The velocity counters the loaded rules read: fetch these, with the limits check, to fill
    /// <see cref="RiskFacts"/>. Should a reload land between this call and <see cref="Evaluate"/>,
    /// a counter not fetched is a missing fact, which makes no rule fire.
    /// </summary>
    public IReadOnlyList<RiskAttribute> VelocityAttributesInUse => source.Current.VelocityAttributes;

    /// <summary>The enforced verdict and, when a dry-run set is configured, what it would have decided.</summary>
    public RuleEvaluation Evaluate(RiskFacts facts) => source.Current.Evaluate(facts);
}
