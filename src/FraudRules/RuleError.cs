namespace PaymentCore.FraudRules;

/// <summary>A problem in a rule set's text, at a 1-based line and column (a tab counts as one column).</summary>
public sealed record RuleError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
