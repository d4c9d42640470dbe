using PaymentCore.FraudRules.Conditions;

namespace PaymentCore.FraudRules.Parsing;

/// <summary>
/// Recursive-descent parser of one rule line, type-checking as it goes:
/// <code>
/// rule       := id ':' action 'if' or
/// or         := and ('or' and)*
/// and        := unary ('and' unary)*
/// unary      := 'not' unary | '(' or ')' | predicate
/// predicate  := attribute ( compare value | ['not'] 'in' '(' literal (',' literal)* ')'
///                         | 'is' ['not'] 'missing' | nothing, for a boolean attribute )
/// value      := literal | attribute
/// </code>
/// so <c>not</c> binds tighter than <c>and</c>, which binds tighter than <c>or</c>.
/// </summary>
internal sealed class RuleParser
{
    private const int MaxRuleIdLength = 64;

    // Parentheses and `not` recurse; a bound keeps a pathological line from exhausting the stack.
    private const int MaxNesting = 32;

    private readonly Lexer _lexer;
    private readonly int _line;
    private readonly Dictionary<string, int> _ruleIdLines;
    private readonly HashSet<RiskAttribute> _referenced;
    private readonly RuleVocabulary _vocabulary;
    private Token _current;
    private int _nesting;

    /// <param name="ruleIdLines">Ids seen so far in the rule set and their lines; this rule's id is added.</param>
    /// <param name="referenced">Collects every attribute the rule reads.</param>
    /// <param name="vocabulary">The host's values of the attributes whose closed set it defines.</param>
    public RuleParser(Lexer lexer, int line, Dictionary<string, int> ruleIdLines, HashSet<RiskAttribute> referenced, RuleVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _lexer = lexer;
        _line = line;
        _ruleIdLines = ruleIdLines;
        _referenced = referenced;
        _current = lexer.Next();
    }

    /// <summary>True when the line holds no rule: it is blank or only a comment.</summary>
    public bool AtEnd => _current.Kind == TokenKind.End;

    public Rule ParseRule()
    {
        var id = ParseRuleId();
        var action = ParseAction(id);
        Expect("if", "expected 'if' after the action");
        var condition = ParseOr();
        if (_current.Kind != TokenKind.End)
        {
            throw Expected("expected 'and', 'or' or the end of the rule");
        }

        return new Rule(id.Text, action, _line, condition);
    }

    private Token ParseRuleId()
    {
        var id = _current;
        if (id.Kind != TokenKind.Word)
        {
            throw Expected("expected a rule id such as block_country_mismatch at the start of the rule");
        }

        Advance();
        if (_current.Kind != TokenKind.Colon)
        {
            // The Radar habit of starting with the action: name the missing id, not the colon.
            throw ActionWord(id) is not null && _current.IsKeyword("if")
                ? ErrorAt(id, $"expected a rule id and ':' before the action, as in 'my_rule: {id.Text} if …', found '{id.Text}'")
                : Expected($"expected ':' after the rule id '{id.Text}'");
        }

        if (!char.IsAsciiLetterLower(id.Text[0]) || id.Text.Any(char.IsAsciiLetterUpper))
        {
            throw ErrorAt(id, $"expected a rule id of lowercase letters, digits and '_' that starts with a letter, found '{id.Text}'");
        }

        if (id.Text.Length > MaxRuleIdLength)
        {
            throw ErrorAt(id, $"expected a rule id of at most {MaxRuleIdLength} characters, found one of {id.Text.Length}");
        }

        if (_ruleIdLines.TryGetValue(id.Text, out var firstLine))
        {
            throw ErrorAt(id, $"rule id '{id.Text}' is already used on line {firstLine}");
        }

        _ruleIdLines.Add(id.Text, _line);
        Advance();
        return id;
    }

    private RuleAction ParseAction(Token id)
    {
        var action = ActionWord(_current) ?? throw Expected($"expected an action (allow, review or block) after '{id.Text}:'");
        Advance();
        return action;
    }

    private static RuleAction? ActionWord(Token token) =>
        token.IsKeyword("allow") ? RuleAction.Allow
        : token.IsKeyword("review") ? RuleAction.Review
        : token.IsKeyword("block") ? RuleAction.Block
        : null;

    private Condition ParseOr()
    {
        var first = ParseAnd();
        if (!_current.IsKeyword("or"))
        {
            return first;
        }

        var operands = new List<Condition> { first };
        while (_current.IsKeyword("or"))
        {
            Advance();
            operands.Add(ParseAnd());
        }

        return new AnyOf(operands.ToArray());
    }

    private Condition ParseAnd()
    {
        var first = ParseUnary();
        if (!_current.IsKeyword("and"))
        {
            return first;
        }

        var operands = new List<Condition> { first };
        while (_current.IsKeyword("and"))
        {
            Advance();
            operands.Add(ParseUnary());
        }

        return new AllOf(operands.ToArray());
    }

    private Condition ParseUnary()
    {
        if (_current.IsKeyword("not") || _current.Kind == TokenKind.LeftParen)
        {
            if (++_nesting > MaxNesting)
            {
                throw ErrorAt(_current, $"expected at most {MaxNesting} nested 'not' and '(', found more");
            }

            var nested = _current.Kind == TokenKind.LeftParen ? ParseParenthesized() : ParseNegation();
            _nesting--;
            return nested;
        }

        var attribute = ParseAttribute("expected an attribute such as :amount_usd:, 'not' or '('");
        return ParsePredicate(attribute);
    }

    private Negation ParseNegation()
    {
        Advance();
        return new Negation(ParseUnary());
    }

    private Condition ParseParenthesized()
    {
        var open = _current;
        Advance();
        var inner = ParseOr();
        if (_current.Kind != TokenKind.RightParen)
        {
            throw Expected($"expected ')' to close the '(' at column {open.Column}");
        }

        Advance();
        return inner;
    }

    private Condition ParsePredicate(RiskAttribute attribute)
    {
        var operatorToken = _current;
        if (ComparisonOperatorOf(operatorToken) is { } op)
        {
            if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) && attribute.Type != AttributeType.Number)
            {
                throw ErrorAt(operatorToken, $"'{operatorToken.Text}' compares numbers, but {attribute} is {TypeName(attribute.Type)}; expected {OperatorsFor(attribute.Type)}");
            }

            Advance();
            return ParseComparedValue(attribute, op);
        }

        if (_current.IsKeyword("in"))
        {
            Advance();
            return ParseList(attribute, operatorToken, negated: false);
        }

        if (_current.IsKeyword("not"))
        {
            Advance();
            if (!_current.IsKeyword("in"))
            {
                throw Expected("expected 'in' after 'not'");
            }

            Advance();
            return ParseList(attribute, operatorToken, negated: true);
        }

        if (_current.IsKeyword("is"))
        {
            Advance();
            var negated = _current.IsKeyword("not");
            if (negated)
            {
                Advance();
            }

            if (!_current.IsKeyword("missing"))
            {
                throw Expected(negated ? "expected 'missing' after 'is not'" : "expected 'missing' or 'not missing' after 'is'");
            }

            Advance();
            return new MissingCheck(attribute, expectMissing: !negated);
        }

        // A boolean attribute on its own is a condition: `review if :is_first_purchase: and …`.
        return attribute.Type == AttributeType.Boolean
            ? new Comparison(attribute, ComparisonOperator.Equal, true)
            : throw Expected($"expected a comparison operator after {attribute}");
    }

    private Condition ParseComparedValue(RiskAttribute attribute, ComparisonOperator op)
    {
        if (_current.Kind is TokenKind.Attribute or TokenKind.Colon)
        {
            var valueToken = _current;
            var other = ParseAttribute($"expected {ValueFor(attribute.Type)} to compare with {attribute}");
            return other.Type == attribute.Type
                ? new Comparison(attribute, op, other)
                : throw ErrorAt(valueToken, $"expected {ValueFor(attribute.Type)} to compare with {attribute}, found {other}, which is {TypeName(other.Type)}");
        }

        var constant = attribute.Type == AttributeType.Boolean
            ? ParseBoolean(attribute)
            : ParseLiteral(attribute, $"expected {ValueFor(attribute.Type)} to compare with {attribute}");
        return new Comparison(attribute, op, constant);
    }

    private RiskValue ParseBoolean(RiskAttribute attribute)
    {
        bool? value = _current.IsKeyword("true") ? true : _current.IsKeyword("false") ? false : null;
        if (value is null)
        {
            throw Expected($"expected {ValueFor(AttributeType.Boolean)} to compare with {attribute}");
        }

        Advance();
        return value.Value;
    }

    private Condition ParseList(RiskAttribute attribute, Token operatorToken, bool negated)
    {
        if (attribute.Type == AttributeType.Boolean)
        {
            throw ErrorAt(operatorToken, $"a list needs a number or string attribute, but {attribute} is a boolean; expected {OperatorsFor(AttributeType.Boolean)}");
        }

        if (_current.Kind != TokenKind.LeftParen)
        {
            throw Expected("expected '(' to start the list after 'in'");
        }

        Advance();
        var values = new List<RiskValue>();
        while (true)
        {
            values.Add(ParseLiteral(attribute, $"expected {TypeName(attribute.Type)} in the list for {attribute}"));
            if (_current.Kind == TokenKind.RightParen)
            {
                Advance();
                break;
            }

            if (_current.Kind != TokenKind.Comma)
            {
                throw Expected("expected ',' or ')' in the list");
            }

            Advance();
        }

        return attribute.Type == AttributeType.Number
            ? new NumberInList(attribute, values.Select(v => v.Number), negated)
            : new TextInList(attribute, values.Select(v => v.Text), negated);
    }

    /// <summary>A number or string constant of the attribute's type, checked against what the attribute admits.</summary>
    private RiskValue ParseLiteral(RiskAttribute attribute, string expected)
    {
        var token = _current;
        var wanted = attribute.Type == AttributeType.Number ? TokenKind.Number : TokenKind.String;
        if (token.Kind != wanted)
        {
            throw Expected(expected);
        }

        if (attribute.IsAmount && decimal.Round(token.NumberValue, RiskAttributes.ReferenceCurrencyDecimals) != token.NumberValue)
        {
            throw ErrorAt(token, $"expected an amount with at most {RiskAttributes.ReferenceCurrencyDecimals} decimals for {attribute}, found {token.Describe()}");
        }

        if (_vocabulary.AllowedValuesOf(attribute) is { } allowed && !allowed.Contains(token.StringValue!, StringComparer.OrdinalIgnoreCase))
        {
            throw ErrorAt(token, $"expected one of {string.Join(", ", allowed.Select(v => $"'{v}'"))} for {attribute}, found {token.Describe()}");
        }

        Advance();
        return token.Kind == TokenKind.Number ? token.NumberValue : (RiskValue)token.StringValue;
    }

    private RiskAttribute ParseAttribute(string expected)
    {
        var token = _current;
        if (token.Kind == TokenKind.Colon)
        {
            // `:amount_usd > 5`: a name right after the colon is an attribute missing its closing colon.
            Advance();
            if (_current.Kind == TokenKind.Word && _current.Column == token.Column + 1)
            {
                var name = _current.Text;
                Advance();
                throw Expected($"expected ':' right after ':{name}' to close the attribute");
            }

            throw ErrorAt(token, $"{expected}, found ':'");
        }

        if (token.Kind != TokenKind.Attribute)
        {
            throw Expected(expected);
        }

        if (!RiskAttributes.TryFind(token.AttributeName, out var attribute))
        {
            var suggestion = RiskAttributes.ClosestTo(token.AttributeName);
            throw ErrorAt(token, $"unknown attribute {token.Text}" + (suggestion is null ? string.Empty : $"; did you mean {suggestion}?"));
        }

        _referenced.Add(attribute);
        Advance();
        return attribute;
    }

    private static ComparisonOperator? ComparisonOperatorOf(Token token) => token.Kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    private static string TypeName(AttributeType type) => type switch
    {
        AttributeType.Number => "a number",
        AttributeType.String => "a string",
        _ => "a boolean",
    };

    private static string ValueFor(AttributeType type) => type switch
    {
        AttributeType.Number => "a number or a number attribute",
        AttributeType.String => "a string or a string attribute",
        _ => "true, false or a boolean attribute",
    };

    private static string OperatorsFor(AttributeType type) => type switch
    {
        AttributeType.String => "'=', '!=', 'in', 'not in' or 'is'",
        _ => "'=', '!=' or 'is'",
    };

    private void Expect(string keyword, string expected)
    {
        if (!_current.IsKeyword(keyword))
        {
            throw Expected(expected);
        }

        Advance();
    }

    private void Advance() => _current = _lexer.Next();

    /// <summary>"expected …, found …" at the token that is not what the grammar wants.</summary>
    private RuleSyntaxException Expected(string expected) => ErrorAt(_current, $"{expected}, found {_current.Describe()}");

    private RuleSyntaxException ErrorAt(Token token, string message) => new(new RuleError(_line, token.Column, message));
}
