using System.Collections.Immutable;
using AuditKit.Diagnostics;

namespace AuditKit.Expressions;

/// <summary>
/// Recursive-descent parser. Reports the first syntax problem at the offending token and stops.
/// Nesting is counted, so deep input gives a diagnostic instead of exhausting the stack.
/// </summary>
internal sealed class Parser
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 32;

    private readonly ExpressionSource _source;
    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private int _position;
    private int _depth;

    private Parser(ExpressionSource source, List<Token> tokens, DiagnosticBag diagnostics)
    {
        _source = source;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    private Token Current => _tokens[_position];

    /// <summary>The syntax tree of <paramref name="source"/>, or null after reporting a problem.</summary>
    public static SyntaxNode? Parse(ExpressionSource source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (source.Text.Length > MaxLength)
        {
            Report(diagnostics, source, 0, Messages.ExprTooLong(source.Text.Length, MaxLength));
            return null;
        }

        var tokens = Lexer.Tokenize(source, diagnostics);
        if (tokens is null)
        {
            return null;
        }

        if (tokens.Count == 1)
        {
            Report(diagnostics, source, 0, Messages.ExprEmpty());
            return null;
        }

        var parser = new Parser(source, tokens, diagnostics);
        var node = parser.ParseOr();
        if (node is null)
        {
            return null;
        }

        if (parser.Current.Kind != TokenKind.End)
        {
            parser.Fail(Messages.ExprExpected("an operator such as 'and', 'or' or '='", parser.DescribePrevious(), parser.DescribeCurrent()));
            return null;
        }

        return node;
    }

    private SyntaxNode? ParseOr()
    {
        var left = ParseAnd();
        while (left is not null && Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            var right = ParseAnd();
            left = right is null ? null : new BinarySyntax(TokenKind.Or, op.Start, left, right, left.Start, right.End);
        }

        return left;
    }

    private SyntaxNode? ParseAnd()
    {
        var left = ParseNot();
        while (left is not null && Current.Kind == TokenKind.And)
        {
            var op = Advance();
            var right = ParseNot();
            left = right is null ? null : new BinarySyntax(TokenKind.And, op.Start, left, right, left.Start, right.End);
        }

        return left;
    }

    private SyntaxNode? ParseNot()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var op = Advance();
        if (!Enter(op.Start))
        {
            return null;
        }

        var operand = ParseNot();
        _depth--;
        return operand is null ? null : new UnarySyntax(TokenKind.Not, op.Start, operand, op.Start, operand.End);
    }

    private SyntaxNode? ParseComparison()
    {
        var left = ParseAdditive();
        if (left is null)
        {
            return null;
        }

        SyntaxNode? result;
        if (IsComparison(Current.Kind))
        {
            var op = Advance();
            var right = ParseAdditive();
            if (right is null)
            {
                return null;
            }

            result = new BinarySyntax(op.Kind, op.Start, left, right, left.Start, right.End);
        }
        else if (Current.Kind == TokenKind.In)
        {
            var op = Advance();
            result = ParseList(left, op);
            if (result is null)
            {
                return null;
            }
        }
        else
        {
            return left;
        }

        if (IsComparison(Current.Kind) || Current.Kind == TokenKind.In)
        {
            Fail(Messages.ExprChainedComparison(_source.Text.Substring(Current.Start, Current.Length)));
            return null;
        }

        return result;
    }

    private SyntaxNode? ParseList(SyntaxNode value, Token op)
    {
        if (Current.Kind != TokenKind.OpenBracket)
        {
            Fail(Messages.ExprExpected("'[' to start a list such as ['Yes', 'Partly']", "'in'", DescribeCurrent()));
            return null;
        }

        var open = Advance();
        if (!Enter(open.Start))
        {
            return null;
        }

        var items = ImmutableArray.CreateBuilder<SyntaxNode>();
        while (true)
        {
            var item = ParseOr();
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind == TokenKind.CloseBracket)
            {
                break;
            }

            Fail(Messages.ExprExpected("',' or ']'", DescribePrevious(), DescribeCurrent()));
            return null;
        }

        var close = Advance();
        _depth--;
        return new InSyntax(value, op.Start, items.ToImmutable(), value.Start, close.End);
    }

    private SyntaxNode? ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (left is not null && Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var right = ParseMultiplicative();
            left = right is null ? null : new BinarySyntax(op.Kind, op.Start, left, right, left.Start, right.End);
        }

        return left;
    }

    private SyntaxNode? ParseMultiplicative()
    {
        var left = ParseUnary();
        while (left is not null && Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            var right = ParseUnary();
            left = right is null ? null : new BinarySyntax(op.Kind, op.Start, left, right, left.Start, right.End);
        }

        return left;
    }

    private SyntaxNode? ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePrimary();
        }

        var op = Advance();
        if (!Enter(op.Start))
        {
            return null;
        }

        var operand = ParseUnary();
        _depth--;
        return operand is null ? null : new UnarySyntax(TokenKind.Minus, op.Start, operand, op.Start, operand.End);
    }

    private SyntaxNode? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberSyntax(token.Number, token.Start, token.End);
            case TokenKind.Text:
                Advance();
                return new TextSyntax(token.Text!, token.Start, token.End); // a text token always carries its content
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return new BoolSyntax(token.Kind == TokenKind.True, token.Start, token.End);
            case TokenKind.Name:
                Advance();
                return Current.Kind == TokenKind.OpenParen
                    ? ParseCall(token)
                    : new NameSyntax(token.Text!, token.Start, token.End); // a name token always carries its name
            case TokenKind.OpenParen:
                return ParseParenthesised();
            default:
                Fail(Messages.ExprExpectedValue(DescribeCurrent()));
                return null;
        }
    }

    private SyntaxNode? ParseParenthesised()
    {
        var open = Advance();
        if (!Enter(open.Start))
        {
            return null;
        }

        var inner = ParseOr();
        if (inner is null)
        {
            return null;
        }

        if (Current.Kind != TokenKind.CloseParen)
        {
            Fail(Messages.ExprExpected("')'", DescribePrevious(), DescribeCurrent()));
            return null;
        }

        Advance();
        _depth--;
        return inner;
    }

    private SyntaxNode? ParseCall(Token name)
    {
        var open = Advance();
        if (!Enter(open.Start))
        {
            return null;
        }

        var arguments = ImmutableArray.CreateBuilder<SyntaxNode>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            while (true)
            {
                var argument = ParseOr();
                if (argument is null)
                {
                    return null;
                }

                arguments.Add(argument);
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                if (Current.Kind == TokenKind.CloseParen)
                {
                    break;
                }

                Fail(Messages.ExprExpected($"',' or ')' in the call of '{Messages.Shorten(name.Text!)}'", DescribePrevious(), DescribeCurrent()));
                return null;
            }
        }

        var close = Advance();
        _depth--;
        return new CallSyntax(name.Text!, name.Start, arguments.ToImmutable(), name.Start, close.End);
    }

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual;

    private bool Enter(int offset)
    {
        _depth++;
        if (_depth <= MaxDepth)
        {
            return true;
        }

        Report(_diagnostics, _source, offset, Messages.ExprTooDeep(MaxDepth));
        return false;
    }

    private Token Advance()
    {
        var token = _tokens[_position];
        if (token.Kind != TokenKind.End)
        {
            _position++;
        }

        return token;
    }

    private string DescribeCurrent() => Describe(Current);

    private string DescribePrevious() => _position == 0 ? "the start" : Describe(_tokens[_position - 1]);

    private string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => Token.Describe(TokenKind.End),
        TokenKind.Text => $"'{Messages.Shorten(token.Text!)}'", // a text token always carries its content
        _ => $"'{Messages.Shorten(_source.Text.Substring(token.Start, token.Length))}'",
    };

    private void Fail((string Code, string Text) message) => Report(_diagnostics, _source, Current.Start, message);

    private static void Report(DiagnosticBag diagnostics, ExpressionSource source, int offset, (string Code, string Text) message) =>
        diagnostics.Error(message.Code, source.LocationOf(offset), message.Text);
}
