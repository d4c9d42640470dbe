namespace PaymentCore.FraudRules.Parsing;

/// <summary>Abandons the current line at its first problem; the rule set parser collects them.</summary>
internal sealed class RuleSyntaxException(RuleError error) : Exception(error.ToString())
{
    public RuleError Error { get; } = error;
}
