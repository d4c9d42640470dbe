using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Fraud;

/// <summary>Section "FraudRules". Paths are fixed at startup; the files' contents reload on change.</summary>
public sealed class FraudRulesOptions
{
    public const string Section = "FraudRules";

    /// <summary>The enforced rule set. Unset: no rules, every charge is allowed.</summary>
    public string? Path { get; set; }

    /// <summary>A candidate rule set evaluated and reported next to the enforced one, never enforced.</summary>
    public string? DryRunPath { get; set; }

    /// <summary>How often the files' last-write time and size are checked for an edit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
