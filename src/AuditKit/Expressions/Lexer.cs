using System.Globalization;
using System.Text;
using AuditKit.Diagnostics;

namespace AuditKit.Expressions;

/// <summary>Splits an expression into tokens. Stops at the first bad character and reports it.</summary>
internal static class Lexer
{
    /// <summary>The words of the language; they cannot be used as names.</summary>
    public static IReadOnlyDictionary<string, TokenKind> Keywords { get; } = new Dictionary<string, TokenKind>(StringComparer.Ordinal)
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
    };

    /// <summary>The tokens of <paramref name="source"/>, ending with <see cref="TokenKind.End"/>; null after reporting a problem.</summary>
    public static List<Token>? Tokenize(ExpressionSource source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var text = source.Text;
        var tokens = new List<Token>(Math.Min(text.Length, 256) / 2 + 2);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                var digits = text[start..i];
                var number = double.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number) || number > 1e15)
                {
                    Report(diagnostics, source, start, Messages.ExprNumberTooLarge(digits));
                    return null;
                }

                tokens.Add(new Token(TokenKind.Number, start, i - start, Number: number));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                var kind = Keywords.GetValueOrDefault(word, TokenKind.Name);
                tokens.Add(new Token(kind, start, i - start, kind == TokenKind.Name ? word : null));
                continue;
            }

            if (c == '\'')
            {
                var content = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            content.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    content.Append(text[i]);
                    i++;
                }

                if (!closed)
                {
                    Report(diagnostics, source, start, Messages.ExprUnterminatedText());
                    return null;
                }

                tokens.Add(new Token(TokenKind.Text, start, i - start, content.ToString()));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind Kind, int Length)? symbol = c switch
            {
                '=' when next == '=' => (TokenKind.Equal, 2),
                '=' => (TokenKind.Equal, 1),
                '!' when next == '=' => (TokenKind.NotEqual, 2),
                '<' when next == '=' => (TokenKind.LessOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
                '>' => (TokenKind.Greater, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '(' => (TokenKind.OpenParen, 1),
                ')' => (TokenKind.CloseParen, 1),
                '[' => (TokenKind.OpenBracket, 1),
                ']' => (TokenKind.CloseBracket, 1),
                ',' => (TokenKind.Comma, 1),
                _ => null,
            };

            if (symbol is not { } s)
            {
                Report(diagnostics, source, start, Messages.ExprUnexpectedCharacter(c));
                return null;
            }

            tokens.Add(new Token(s.Kind, start, s.Length));
            i += s.Length;
        }

        tokens.Add(new Token(TokenKind.End, text.Length, 0));
        return tokens;
    }

    private static void Report(DiagnosticBag diagnostics, ExpressionSource source, int offset, (string Code, string Text) message) =>
        diagnostics.Error(message.Code, source.LocationOf(offset), message.Text);
}
