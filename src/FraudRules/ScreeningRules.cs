namespace PaymentCore.FraudRules;

/// <summary>
/// The rules a charge is screened with: the enforced set and, optionally, a candidate set in
/// dry run. Swapped as one immutable object on reload, so one charge never sees a mix of two loads.
/// </summary>
public sealed class ScreeningRules
{
    public ScreeningRules(RuleSet enforced, RuleSet? dryRun = null)
    {
        Enforced = enforced;
        DryRun = dryRun;
        VelocityAttributes = dryRun is null
            ? enforced.VelocityAttributes
            : enforced.VelocityAttributes.Union(dryRun.VelocityAttributes).OrderBy(a => a.Ordinal).ToArray();
    }

    /// <summary>No rules: every charge is allowed.</summary>
    public static ScreeningRules None { get; } = new(RuleSet.Empty);

    public RuleSet Enforced { get; }

    public RuleSet? DryRun { get; }

    /// <summary>The velocity counters either set reads: the only ones the host needs to fetch.</summary>
    public IReadOnlyList<RiskAttribute> VelocityAttributes { get; }

    public RuleEvaluation Evaluate(RiskFacts facts) => new(Enforced.Evaluate(facts), DryRun?.Evaluate(facts));
}
