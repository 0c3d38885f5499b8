using AuditKit.Diagnostics;
using AuditKit.Expressions;

namespace AuditKit.Tests.Expressions;

public sealed class LexerTests
{
    [Fact]
    public void Tokenize_MixedExpression_GivesKindsAndOffsets()
    {
        // Arrange
        var source = ExpressionSource.Inline("child_age >= 4 and answer == 'It''s' or not x != 0.5");
        var bag = new DiagnosticBag();

        // Act
        var tokens = Lexer.Tokenize(source, bag)!;

        // Assert
        bag.Count.ShouldBe(0);
        tokens.Select(t => t.Kind).ShouldBe(
        [
            TokenKind.Name, TokenKind.GreaterOrEqual, TokenKind.Number, TokenKind.And, TokenKind.Name, TokenKind.Equal,
            TokenKind.Text, TokenKind.Or, TokenKind.Not, TokenKind.Name, TokenKind.NotEqual, TokenKind.Number, TokenKind.End,
        ]);
        tokens[0].Text.ShouldBe("child_age");
        tokens[1].Start.ShouldBe(10);
        tokens[1].Length.ShouldBe(2);
        tokens[6].Text.ShouldBe("It's");
        tokens[6].Start.ShouldBe(29);
        tokens[6].Length.ShouldBe(7);
        tokens[11].Number.ShouldBe(0.5);
        tokens[^1].Start.ShouldBe(source.Text.Length);
    }

    [Theory]
    [InlineData("true", "True")]
    [InlineData("false", "False")]
    [InlineData("in", "In")]
    [InlineData("True", "Name")]
    [InlineData("AND", "Name")]
    [InlineData("[", "OpenBracket")]
    [InlineData("<", "Less")]
    [InlineData("<=", "LessOrEqual")]
    [InlineData("=", "Equal")]
    public void Tokenize_SingleToken_GivesKind(string text, string kind)
    {
        var tokens = Lexer.Tokenize(ExpressionSource.Inline(text), new DiagnosticBag())!;

        tokens[0].Kind.ShouldBe(Enum.Parse<TokenKind>(kind));
        tokens.Count.ShouldBe(2);
    }

    [Fact]
    public void Tokenize_NewlinesAndTabs_AreWhitespace()
    {
        var tokens = Lexer.Tokenize(ExpressionSource.Inline("a\n\tand\r\nb"), new DiagnosticBag())!;

        tokens.Select(t => t.Kind).ShouldBe([TokenKind.Name, TokenKind.And, TokenKind.Name, TokenKind.End]);
        tokens[2].Start.ShouldBe(8);
    }

    [Fact]
    public void Tokenize_UnterminatedText_ReportsAtOpeningQuote()
    {
        var bag = new DiagnosticBag();

        var tokens = Lexer.Tokenize(ExpressionSource.Inline("answer = 'Yes", "t.yaml", 4, 10), bag);

        tokens.ShouldBeNull();
        var diagnostic = bag.ToImmutableSorted().ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("AK2002");
        diagnostic.Location.ShouldBe(new SourceLocation("t.yaml", 4, 19));
    }

    [Fact]
    public void Tokenize_ControlCharacter_ReportsItsCodePoint()
    {
        var bag = new DiagnosticBag();

        Lexer.Tokenize(ExpressionSource.Inline("a = \u0001"), bag).ShouldBeNull();

        var diagnostic = bag.ToImmutableSorted().ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("AK2001");
        diagnostic.Message.ShouldContain("U+0001");
        diagnostic.Location.Column.ShouldBe(5);
    }

    [Fact]
    public void Tokenize_HugeNumber_IsAnErrorNotInfinity()
    {
        var bag = new DiagnosticBag();

        Lexer.Tokenize(ExpressionSource.Inline("n > " + new string('9', 400)), bag).ShouldBeNull();

        bag.ToImmutableSorted().ShouldHaveSingleItem().Code.ShouldBe("AK2007");
    }
}
