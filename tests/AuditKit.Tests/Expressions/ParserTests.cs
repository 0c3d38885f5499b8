using AuditKit.Diagnostics;
using AuditKit.Expressions;

namespace AuditKit.Tests.Expressions;

public sealed class ParserTests
{
    [Theory]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("not a = b", "(not (a = b))")]
    [InlineData("a + b * c - d", "((a + (b * c)) - d)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    [InlineData("x in [1, 2 + 3]", "(x in [1, (2 + 3)])")]
    [InlineData("a = b or c < d", "((a = b) or (c < d))")]
    [InlineData("f(a, g(b))", "f(a, g(b))")]
    [InlineData("date('2026-01-31') > d", "(date('2026-01-31') > d)")]
    [InlineData("a == b", "(a = b)")]
    [InlineData("10 - 4 - 3", "((10 - 4) - 3)")]
    public void Parse_Expression_FollowsPrecedence(string text, string expected)
    {
        var bag = new DiagnosticBag();

        var node = Parser.Parse(ExpressionSource.Inline(text), bag);

        bag.Count.ShouldBe(0);
        Show(node!).ShouldBe(expected);
    }

    [Fact]
    public void Parse_Nodes_CarryOffsets()
    {
        var node = (BinarySyntax)Parser.Parse(ExpressionSource.Inline("  abc <= (1 + 2)"), new DiagnosticBag())!;

        node.Start.ShouldBe(2);
        node.OperatorStart.ShouldBe(6);
        node.Left.ShouldBeOfType<NameSyntax>().End.ShouldBe(5);
        node.Right.Start.ShouldBe(10);
    }

    [Theory]
    [InlineData("(a = 1", "AK2003", 7, "Expected ')' after '1', but found the end of the expression.")]
    [InlineData("(a = 1 b", "AK2003", 8, "Expected ')' after '1', but found 'b'.")]
    [InlineData("a = ", "AK2004", 5, "Expected a value (a name, a number, 'text', true, false or a function call) but found the end of the expression.")]
    [InlineData("a b", "AK2003", 3, "Expected an operator such as 'and', 'or' or '=' after 'a', but found 'b'.")]
    [InlineData("1 < a < 3", "AK2019", 7, "Comparisons cannot be chained: '<' follows another comparison; join them with 'and'.")]
    [InlineData("x in 'a'", "AK2003", 6, "Expected '[' to start a list such as ['Yes', 'Partly'] after 'in', but found 'a'.")]
    [InlineData("x in ['a' 'b']", "AK2003", 11, "Expected ',' or ']' after 'a', but found 'b'.")]
    [InlineData("max(1 2)", "AK2003", 7, "Expected ',' or ')' in the call of 'max' after '1', but found '2'.")]
    [InlineData("   ", "AK2009", 1, "The expression is empty.")]
    [InlineData("a = )", "AK2004", 5, "Expected a value (a name, a number, 'text', true, false or a function call) but found ')'.")]
    public void Parse_BrokenExpression_ReportsAtOffendingToken(string text, string code, int column, string message)
    {
        var bag = new DiagnosticBag();

        Parser.Parse(ExpressionSource.Inline(text), bag).ShouldBeNull();

        var diagnostic = bag.ToImmutableSorted().ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(code);
        diagnostic.Location.Column.ShouldBe(column);
        diagnostic.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_ThirtyTwoLevels_IsAccepted()
    {
        var text = new string('(', 32) + "a" + new string(')', 32);
        var bag = new DiagnosticBag();

        Parser.Parse(ExpressionSource.Inline(text), bag).ShouldNotBeNull();
        bag.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("(", 33)]
    [InlineData("f(", 33)]
    [InlineData("not ", 33)]
    [InlineData("-", 33)]
    public void Parse_ThirtyThreeLevels_IsOneTooDeepError(string opener, int levels)
    {
        var text = string.Concat(Enumerable.Repeat(opener, levels)) + "a";
        var bag = new DiagnosticBag();

        Parser.Parse(ExpressionSource.Inline(text), bag).ShouldBeNull();

        var diagnostic = bag.ToImmutableSorted().ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("AK2006");
    }

    [Fact]
    public void Parse_HundredThousandParentheses_IsOneLengthError()
    {
        var text = new string('(', 100_000) + "a" + new string(')', 100_000);
        var bag = new DiagnosticBag();

        Parser.Parse(ExpressionSource.Inline(text), bag).ShouldBeNull();

        var diagnostic = bag.ToImmutableSorted().ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("AK2005");
        diagnostic.Location.Column.ShouldBe(1);
    }

    [Fact]
    public void Parse_TwoThousandCharacters_IsAccepted()
    {
        var text = "a" + string.Concat(Enumerable.Repeat(" + a", 499)) + "   ";
        text.Length.ShouldBe(2000);

        Parser.Parse(ExpressionSource.Inline(text), new DiagnosticBag()).ShouldNotBeNull();
    }

    private static string Show(SyntaxNode node) => node switch
    {
        NameSyntax n => n.Name,
        NumberSyntax n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TextSyntax t => $"'{t.Value}'",
        BoolSyntax b => b.Value ? "true" : "false",
        UnarySyntax u => u.Operator == TokenKind.Not ? $"(not {Show(u.Operand)})" : $"(-{Show(u.Operand)})",
        BinarySyntax b => $"({Show(b.Left)} {Op(b.Operator)} {Show(b.Right)})",
        InSyntax i => $"({Show(i.Value)} in [{string.Join(", ", i.Items.Select(Show))}])",
        CallSyntax c => $"{c.Function}({string.Join(", ", c.Arguments.Select(Show))})",
        _ => "?",
    };

    private static string Op(TokenKind kind) => kind switch
    {
        TokenKind.And => "and",
        TokenKind.Or => "or",
        TokenKind.Equal => "=",
        TokenKind.Less => "<",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Greater => ">",
        _ => kind.ToString(),
    };
}
