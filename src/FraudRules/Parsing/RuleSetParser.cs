namespace PaymentCore.FraudRules.Parsing;

/// <summary>
/// Parses a whole rule set: one rule per line; blank lines and <c>#</c> comments are skipped.
/// Every faulty line is reported (its first problem), so an operator fixes the file in one go.
/// </summary>
internal static class RuleSetParser
{
    public static (Rule[] Rules, RiskAttribute[] Referenced) Parse(string text, RuleVocabulary vocabulary)
    {
        var rules = new List<Rule>();
        var errors = new List<RuleError>();
        var ruleIdLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var referenced = new HashSet<RiskAttribute>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                var parser = new RuleParser(new Lexer(lines[i].TrimEnd('\r'), i + 1), i + 1, ruleIdLines, referenced, vocabulary);
                if (!parser.AtEnd)
                {
                    rules.Add(parser.ParseRule());
                }
            }
            catch (RuleSyntaxException e)
            {
                errors.Add(e.Error);
            }
        }

        return errors.Count == 0
            ? (rules.ToArray(), referenced.OrderBy(a => a.Ordinal).ToArray())
            : throw new RuleSetException(errors);
    }
}
