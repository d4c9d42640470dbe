namespace PaymentCore.FraudRules;

/// <summary>A rule set that was rejected whole, with the first problem of each faulty line.</summary>
public sealed class RuleSetException(IReadOnlyList<RuleError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<RuleError> Errors { get; } = errors;
}
