namespace PaymentCore.FraudRules;

/// <summary>What a rule asks for when its condition holds.</summary>
public enum RuleAction
{
    /// <summary>Let the charge through, overriding every block and review rule.</summary>
    Allow,

    /// <summary>Step the charge up: 3-D Secure or the gateway's equivalent.</summary>
    Review,

    /// <summary>Refuse the charge.</summary>
    Block,
}
