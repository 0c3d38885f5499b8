using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Tests.Templates;

public class ScalarPositionsTests
{
    private const string RelativePath = "Templates/positions/positions.yaml";

    public static TheoryData<string, string> Styles => new()
    {
        { "plain", "bogus_plain" },
        { "plain_multi", "bogus_plain_multi" },
        { "single", "bogus_single" },
        { "single_multi", "bogus_single_multi" },
        { "double", "bogus_double" },
        { "double_multi", "bogus_double_multi" },
        { "literal", "bogus_literal" },
        { "folded", "bogus_folded" },
        { "tagged", "bogus_tagged" },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void LocationOf_NameInsideExpression_PointsAtItInTheFile(string criterionId, string name)
    {
        // Arrange
        var text = File.ReadAllText(TemplateTestData.PathOf(RelativePath));
        var expected = LastOccurrence(text, name + " ");

        // Act
        var expression = Load(text).Criteria.Single(c => c.Id == criterionId).MetWhen!;
        var offset = expression.Text.IndexOf(name, StringComparison.Ordinal);

        // Assert
        offset.ShouldBeGreaterThan(0);
        var at = expression.LocationOf(offset);
        (at.Line, at.Column).ShouldBe(expected);
        expression.File.ShouldBe(RelativePath);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void LocationOf_EveryVisibleCharacter_MapsToThatCharacterOrItsEscape(string criterionId, string name)
    {
        // Arrange
        var text = File.ReadAllText(TemplateTestData.PathOf(RelativePath));

        // Act
        var expression = Load(text).Criteria.Single(c => c.Id == criterionId).MetWhen!;

        // Assert
        expression.Text.ShouldContain(name);
        AssertEveryCharacterMaps(expression, text);
    }

    [Fact]
    public void LocationOf_WindowsLineEndings_SameLinesAndColumns()
    {
        // Arrange
        var text = File.ReadAllText(TemplateTestData.PathOf(RelativePath));
        var crlf = text.Replace("\n", "\r\n", StringComparison.Ordinal);

        // Act
        var unix = Load(text);
        var windows = Load(crlf);

        // Assert
        foreach (var (a, b) in unix.Criteria.Zip(windows.Criteria))
        {
            b.MetWhen!.Text.ShouldBe(a.MetWhen!.Text);
            for (var i = 0; i <= a.MetWhen.Text.Length; i++)
            {
                if (i == a.MetWhen.Text.Length || !char.IsWhiteSpace(a.MetWhen.Text[i]))
                {
                    b.MetWhen.LocationOf(i).ShouldBe(a.MetWhen.LocationOf(i), $"{a.Id} offset {i}");
                }
            }
        }
    }

    [Fact]
    public void LocationOf_SurrogatePairEscape_BothHalvesAtTheBackslash()
    {
        // Arrange
        var text = File.ReadAllText(TemplateTestData.PathOf(RelativePath));
        var backslash = LastOccurrence(text, "\\U0001F600");

        // Act
        var expression = Load(text).Criteria.Single(c => c.Id == "tagged").AppliesWhen!;

        // Assert
        expression.Text.ShouldStartWith("\U0001F600 = 'x'");
        (expression.LocationOf(0).Line, expression.LocationOf(0).Column).ShouldBe(backslash);
        (expression.LocationOf(1).Line, expression.LocationOf(1).Column).ShouldBe(backslash);
        (expression.LocationOf(3).Line, expression.LocationOf(3).Column).ShouldBe((backslash.Line, backslash.Column + 11));
    }

    [Fact]
    public void LocationOf_EndOfExpression_JustAfterTheLastCharacter()
    {
        // Arrange
        var text = File.ReadAllText(TemplateTestData.PathOf(RelativePath));
        var lastOne = LastOccurrence(text, "bogus_plain > 1");

        // Act
        var expression = Load(text).Criteria.Single(c => c.Id == "plain").MetWhen!;
        var end = expression.LocationOf(expression.Text.Length);

        // Assert
        (end.Line, end.Column).ShouldBe((lastOne.Line, lastOne.Column + "bogus_plain > 1".Length));
    }

    private static AuditTemplate Load(string text)
    {
        var result = TemplateLoader.LoadText(RelativePath, text);
        result.Diagnostics.ShouldBeEmpty(TemplateTestData.Render(result.Diagnostics));
        return result.Value!;
    }

    /// <summary>Checks that each non-space character sits where the map says, or is written there as an escape ('\\x42', '\\"').</summary>
    private static void AssertEveryCharacterMaps(ExpressionSource expression, string fileText)
    {
        var lines = fileText.Split('\n');
        for (var i = 0; i < expression.Text.Length; i++)
        {
            var c = expression.Text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var at = expression.LocationOf(i);
            var written = lines[at.Line - 1][at.Column - 1];
            var ok = written == c || written == '\\' || (c == '\'' && written == '\'');
            ok.ShouldBeTrue($"offset {i} ('{c}') maps to {at} which holds '{written}'");
        }
    }

    private static (int Line, int Column) LastOccurrence(string text, string what)
    {
        var index = text.LastIndexOf(what, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, what);
        var line = text[..index].Count(ch => ch == '\n') + 1;
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return (line, column);
    }
}
