using System.Security.Cryptography;
using System.Text;
using PaymentCore.FraudRules.Conditions;
using PaymentCore.FraudRules.Parsing;

namespace PaymentCore.FraudRules;

/// <summary>
/// A parsed, type-checked set of rules, one per line of its text:
/// <c>block_country_mismatch: block if :card_country: != :ip_country: and :amount_usd: &gt; 100</c>.
/// Immutable and safe to evaluate from many threads at once.
/// </summary>
public sealed class RuleSet
{
    // Above this many rules the fired flags move from the stack to the heap.
    private const int MaxRulesOnStack = 512;

    private readonly Rule[] _rules;
    private readonly Verdict _noRuleFired;

    private RuleSet(Rule[] rules, IReadOnlyList<RiskAttribute> referenced, string version)
    {
        _rules = rules;
        Rules = Array.AsReadOnly(rules);
        Version = version;
        VelocityAttributes = referenced.Where(a => a.Velocity is not null).ToArray();
        _noRuleFired = new Verdict(RuleAction.Allow, null, [], version);
    }

    /// <summary>No rules: every charge is allowed.</summary>
    public static RuleSet Empty { get; } = Parse(string.Empty);

    /// <summary>
    /// The first 12 hex digits of the SHA-256 of the text: names this exact rule set in logs and
    /// on recorded verdicts, and is the same for the same text on every host.
    /// </summary>
    public string Version { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The velocity attributes the rules read, in <see cref="RiskAttributes.Velocity"/> order.</summary>
    public IReadOnlyList<RiskAttribute> VelocityAttributes { get; }

    /// <summary>Parses and type-checks a rule set without a host's vocabulary (<see cref="RuleVocabulary.Open"/>).</summary>
    /// <exception cref="RuleSetException">With the line, column and problem of every faulty line.</exception>
    public static RuleSet Parse(string text) => Parse(text, RuleVocabulary.Open);

    /// <summary>Parses and type-checks a rule set; any faulty line rejects the whole set.</summary>
    /// <param name="vocabulary">The values the host gives its closed attributes, such as its payment methods.</param>
    /// <exception cref="RuleSetException">With the line, column and problem of every faulty line.</exception>
    public static RuleSet Parse(string text, RuleVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var (rules, referenced) = RuleSetParser.Parse(text, vocabulary);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return new RuleSet(rules, referenced, version);
    }

    /// <summary>
    /// Evaluates every rule against the facts. Precedence, whatever the order of the rules:
    /// <list type="number">
    /// <item>if any <c>allow</c> rule fires, the verdict is allow — an explicit allow is how operators
    /// exempt known-good traffic from block and review rules;</item>
    /// <item>otherwise, if any <c>block</c> rule fires, block;</item>
    /// <item>otherwise, if any <c>review</c> rule fires, review;</item>
    /// <item>otherwise allow, by default.</item>
    /// </list>
    /// All rules are evaluated even once the outcome is settled, so the verdict lists every rule
    /// that fired. Allocates only the verdict, and nothing at all when no rule fires.
    /// </summary>
    public Verdict Evaluate(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<bool> fired = _rules.Length <= MaxRulesOnStack ? stackalloc bool[_rules.Length] : new bool[_rules.Length];
        var firedCount = 0;
        Rule? firstAllow = null, firstBlock = null, firstReview = null;
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.Condition.Evaluate(facts) != Truth.True)
            {
                continue;
            }

            fired[i] = true;
            firedCount++;
            switch (rule.Action)
            {
                case RuleAction.Allow: firstAllow ??= rule; break;
                case RuleAction.Block: firstBlock ??= rule; break;
                default: firstReview ??= rule; break;
            }
        }

        if (firedCount == 0)
        {
            return _noRuleFired;
        }

        var firedIds = new string[firedCount];
        for (int i = 0, next = 0; next < firedCount; i++)
        {
            if (fired[i])
            {
                firedIds[next++] = _rules[i].Id;
            }
        }

        var deciding = firstAllow ?? firstBlock ?? firstReview!;
        return new Verdict(deciding.Action, deciding.Id, firedIds, Version);
    }
}
