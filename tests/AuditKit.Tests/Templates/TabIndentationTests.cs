using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Templates;
using AuditKit.Templates.Yaml;

namespace AuditKit.Tests.Templates;

/// <summary>A tab used to indent YAML is reported at its own line and column with the fix, never at 1:1.</summary>
public sealed class TabIndentationTests
{
    private const string ValidPath = "Templates/valid/templates/quality-of-practice.yaml";

    [Fact]
    public void Load_EveryIndentedLineOfAValidTemplateIndentedWithATab_EitherLoadsOrNamesThatLineAndTheFix()
    {
        // Arrange: each indented line of a valid template in turn, its indentation replaced by a tab, or a tab added before it.
        var lines = File.ReadAllText(TemplateTestData.PathOf(ValidPath)).Split('\n');
        var tried = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
            if (indent == 0 || lines[i].Trim().Length == 0)
            {
                continue;
            }

            foreach (var tabbed in (string[])["\t" + lines[i].TrimStart(' '), new string(' ', indent / 2) + "\t" + lines[i].TrimStart(' ')])
            {
                var text = string.Join('\n', lines.Take(i).Append(tabbed).Concat(lines.Skip(i + 1)));

                // Act
                var result = TemplateLoader.LoadText(TemplateTestData.PathOf(ValidPath), text);

                // Assert: a tab the parser accepts (inside a block of text) is fine; otherwise it is named where it is.
                var syntax = result.Diagnostics.Where(d => d.Code is Messages.Templates.SyntaxCode or Messages.Templates.TabIndentCode).ToList();
                if (syntax.Count == 0)
                {
                    continue;
                }

                tried++;
                syntax.ShouldAllBe(d => d.Code == Messages.Templates.TabIndentCode, $"line {i + 1}: {string.Join("; ", syntax)}");
                var expectedColumn = tabbed.IndexOf('\t', StringComparison.Ordinal) + 1;
                syntax.ShouldContain(d => d.Location.Line == i + 1 && d.Location.Column == expectedColumn, $"line {i + 1}");
                syntax.ShouldAllBe(d => d.Message.Contains("replace the tab with spaces", StringComparison.Ordinal));
            }
        }

        tried.ShouldBeGreaterThan(20, "most tab-indented lines break the YAML");
    }

    [Fact]
    public void Load_TabAfterAKeyOrInsideAValue_IsNotAnIndentationProblem()
    {
        var text = "id: tabs\nversion: 1\ntitle:\tTabs\napplies_to: [CP]\ncriteria:\n  - id: seen\n    section: Voice\n    text: \"Seen\talone.\"\n";

        var result = TemplateLoader.LoadText("tabs.yaml", text);

        result.Diagnostics.ShouldNotContain(d => d.Code == Messages.Templates.TabIndentCode || d.Code == Messages.Templates.SyntaxCode);
    }

    [Theory]
    [InlineData("a:\n\tb: 1\n", 2, 1)]
    [InlineData("a:\n  \tb: 1\n", 2, 3)]
    [InlineData("a:\r\n  b: 1\r\n\t c: 2\r\n", 3, 1)]
    [InlineData("a: 1\n\t\n", 0, 0)]
    [InlineData("a: 1\tb\n", 0, 0)]
    public void Find_Text_GivesTheFirstTabOfEachTabIndentedLine(string text, int line, int column)
    {
        var found = TabIndentation.Find(text);

        if (line == 0)
        {
            found.ShouldBeEmpty();
        }
        else
        {
            found.ShouldBe([(line, column)]);
        }
    }

    [Fact]
    public void LoadTeamDirectory_TabIndentedLine_NamedAtItsLineWithTheFix()
    {
        var result = TeamDirectoryLoader.Load(new StringReader("teams:\n  Team A:\n\tteam_manager: Sam Jones\n"), "teams.yaml");

        result.Success.ShouldBeFalse();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Location.ShouldBe(new SourceLocation("teams.yaml", 3, 1));
        diagnostic.Message.ShouldContain("indented with a tab");
        diagnostic.Message.ShouldContain("replace the tab with spaces");
    }
}
