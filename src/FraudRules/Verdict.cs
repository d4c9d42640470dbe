namespace PaymentCore.FraudRules;

/// <summary>The outcome of evaluating one rule set against one charge's facts.</summary>
public sealed class Verdict
{
    internal Verdict(RuleAction action, string? decidingRuleId, IReadOnlyList<string> firedRuleIds, string ruleSetVersion)
    {
        Action = action;
        DecidingRuleId = decidingRuleId;
        FiredRuleIds = firedRuleIds;
        RuleSetVersion = ruleSetVersion;
    }

    public RuleAction Action { get; }

    /// <summary>
    /// The first fired rule (in rule-set order) of the winning action — the id to report with a
    /// block or review; null when no rule fired and the charge is allowed by default.
    /// </summary>
    public string? DecidingRuleId { get; }

    /// <summary>Every rule whose condition held, in rule-set order, including those overridden by precedence.</summary>
    public IReadOnlyList<string> FiredRuleIds { get; }

    /// <summary>The <see cref="RuleSet.Version"/> that produced this verdict.</summary>
    public string RuleSetVersion { get; }

    public override string ToString() =>
        $"{Action} by {DecidingRuleId ?? "default"} (fired: {(FiredRuleIds.Count == 0 ? "none" : string.Join(", ", FiredRuleIds))}; rules {RuleSetVersion})";
}
