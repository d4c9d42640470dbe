using PaymentCore.FraudRules.Conditions;

namespace PaymentCore.FraudRules;

/// <summary>One parsed rule: <c>id: action if condition</c>.</summary>
public sealed class Rule
{
    internal Rule(string id, RuleAction action, int line, Condition condition)
    {
        Id = id;
        Action = action;
        Line = line;
        Condition = condition;
    }

    /// <summary>Unique within its rule set; recorded on every decision the rule takes part in.</summary>
    public string Id { get; }

    public RuleAction Action { get; }

    /// <summary>1-based line of the rule in its rule set's text.</summary>
    public int Line { get; }

    internal Condition Condition { get; }

    public override string ToString() => $"{Id} ({Action}, line {Line})";
}
