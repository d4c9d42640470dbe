using System.Globalization;
using System.Text;

namespace PaymentCore.FraudRules.Parsing;

/// <summary>Splits one line of a rule set into tokens, on demand, so errors surface in reading order.</summary>
internal sealed class Lexer(string text, int line)
{
    private int _position;

    public Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length || text[_position] == '#')
        {
            return new Token(TokenKind.End, _position + 1, string.Empty);
        }

        var start = _position;
        var c = text[_position];
        if (IsWordStart(c))
        {
            return Word(start);
        }

        if (char.IsAsciiDigit(c))
        {
            return Number(start);
        }

        _position++;
        return c switch
        {
            '\'' => String(start),
            ':' => AttributeOrColon(start),
            ',' => Symbol(TokenKind.Comma, start),
            '(' => Symbol(TokenKind.LeftParen, start),
            ')' => Symbol(TokenKind.RightParen, start),
            '=' => Symbol(TokenKind.Equal, start),
            '!' when Take('=') => Symbol(TokenKind.NotEqual, start),
            '!' => throw new RuleSyntaxException(new RuleError(line, start + 1, "expected '!=', found '!'")),
            '<' => Symbol(Take('=') ? TokenKind.LessOrEqual : TokenKind.Less, start),
            '>' => Symbol(Take('=') ? TokenKind.GreaterOrEqual : TokenKind.Greater, start),
            _ => throw new RuleSyntaxException(new RuleError(line, start + 1, $"unexpected character '{c}'")),
        };
    }

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private Token Word(int start)
    {
        while (_position < text.Length && IsWordPart(text[_position]))
        {
            _position++;
        }

        return new Token(TokenKind.Word, start + 1, text[start.._position]);
    }

    private Token Number(int start)
    {
        SkipDigits();
        if (_position + 1 < text.Length && text[_position] == '.' && char.IsAsciiDigit(text[_position + 1]))
        {
            _position++;
            SkipDigits();
        }

        var written = text[start.._position];
        if (!decimal.TryParse(written, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new RuleSyntaxException(new RuleError(line, start + 1, $"the number {written} is too large"));
        }

        return new Token(TokenKind.Number, start + 1, written, NumberValue: value);
    }

    private void SkipDigits()
    {
        while (_position < text.Length && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }
    }

    /// <summary>After the opening quote; <c>''</c> inside a string stands for one quote.</summary>
    private Token String(int start)
    {
        var value = new StringBuilder();
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c != '\'')
            {
                value.Append(c);
            }
            else if (Take('\''))
            {
                value.Append('\'');
            }
            else
            {
                return new Token(TokenKind.String, start + 1, text[start.._position], value.ToString());
            }
        }

        throw new RuleSyntaxException(new RuleError(line, start + 1, "expected a closing ' for the string that starts here, found end of line"));
    }

    /// <summary>
    /// After a colon: <c>:name:</c> is an attribute. Anything else leaves a lone colon, as after a
    /// rule id (<c>my_rule:block</c>); the parser explains an attribute missing its closing colon.
    /// </summary>
    private Token AttributeOrColon(int start)
    {
        var end = _position;
        if (end < text.Length && IsWordStart(text[end]))
        {
            while (end < text.Length && IsWordPart(text[end]))
            {
                end++;
            }

            if (end < text.Length && text[end] == ':')
            {
                _position = end + 1;
                return new Token(TokenKind.Attribute, start + 1, text[start.._position]);
            }
        }

        return Symbol(TokenKind.Colon, start);
    }

    private Token Symbol(TokenKind kind, int start) => new(kind, start + 1, text[start.._position]);

    private bool Take(char expected)
    {
        if (_position < text.Length && text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }
}
