using PaymentCore.FraudRules;

namespace PaymentCore.Recharges;

/// <summary>
/// The fraud rules' decision, recorded on the recharge: what was enforced and which rules fired,
/// and what a dry-run rule set would have decided.
/// </summary>
public sealed record RiskDecision(
    RuleAction Action,
    string? DecidingRuleId,
    IReadOnlyList<string> FiredRuleIds,
    string RuleSetVersion,
    RuleAction? DryRunAction,
    IReadOnlyList<string> DryRunFiredRuleIds)
{
    public static RiskDecision Of(RuleEvaluation evaluation) => new(
        evaluation.Enforced.Action,
        evaluation.Enforced.DecidingRuleId,
        evaluation.Enforced.FiredRuleIds,
        evaluation.Enforced.RuleSetVersion,
        evaluation.DryRun?.Action,
        evaluation.DryRun?.FiredRuleIds ?? []);
}
