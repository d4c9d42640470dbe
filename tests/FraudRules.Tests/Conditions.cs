namespace PaymentCore.FraudRules.Tests;

/// <summary>Evaluates a bare condition, telling apart false and unknown (which look alike from outside).</summary>
internal static class Conditions
{
    /// <summary>"true", "false" or "unknown": a condition is false exactly when its negation fires.</summary>
    public static string Evaluate(string condition, RiskFacts facts)
    {
        var holds = Fires(condition, facts);
        var negationHolds = Fires($"not ({condition})", facts);
        return (holds, negationHolds) switch
        {
            (true, false) => "true",
            (false, true) => "false",
            (false, false) => "unknown",
            _ => throw new InvalidOperationException($"'{condition}' and its negation both fired"),
        };
    }

    public static bool Fires(string condition, RiskFacts facts) =>
        RuleSet.Parse($"under_test: block if {condition}").Evaluate(facts).Action == RuleAction.Block;
}
