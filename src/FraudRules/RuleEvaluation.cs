namespace PaymentCore.FraudRules;

/// <summary>
/// The verdict to enforce and, when a candidate rule set is in dry run, the verdict it would
/// have given: recorded next to the real one so operators see what it would have blocked.
/// </summary>
public readonly record struct RuleEvaluation(Verdict Enforced, Verdict? DryRun)
{
    /// <summary>True when a dry-run set is loaded and it would have taken another action.</summary>
    public bool DryRunDiffers => DryRun is not null && DryRun.Action != Enforced.Action;
}
