using System.Globalization;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Templates;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Templates;

/// <summary>Bad text of any kind gives diagnostics, never an exception or a hang.</summary>
public class TemplateLoaderRobustnessTests
{
    private const string ValidPath = "Templates/valid/templates/quality-of-practice.yaml";

    private static readonly string[] Fragments =
    [
        "id", "version", "criteria", "facts", "rules", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", "\"", "''", "|", ">",
        "|-", ">+", "&a", "*a", "!!str", "!x", "#", "\n", "\n  ", "\n    ", "\t", " ", "?", "---", "...", "%YAML 1.2", "@", "`",
        "true", "yes", "0.5", "-1", "1e999", "~", "null", "\\", "\\u00", "\\x4", "\r\n", "\r", "\u00e9", "\U0001F600", "{team}",
        "answer = 'Yes'", "<<: *a", "\0", "\ufeff",
    ];

    [Fact]
    public void Load_RandomYamlishText_NeverThrows()
    {
        // Arrange
        var random = new Random(20261103);

        for (var run = 0; run < 1500; run++)
        {
            var text = new StringBuilder();
            var parts = random.Next(1, 40);
            for (var i = 0; i < parts; i++)
            {
                text.Append(Fragments[random.Next(Fragments.Length)]);
            }

            // Act / Assert
            AssertOnlyDiagnostics(text.ToString(), $"run {run}");
        }
    }

    [Fact]
    public void Load_MutatedValidTemplate_NeverThrows()
    {
        // Arrange
        var valid = File.ReadAllText(TemplateTestData.PathOf(ValidPath));
        var random = new Random(4021);

        for (var run = 0; run < 1500; run++)
        {
            var text = valid;
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            // Act / Assert
            AssertOnlyDiagnostics(text, $"run {run}");
        }
    }

    [Fact]
    public void Load_ArbitraryStrings_NeverThrows()
    {
        // Arrange / Act / Assert: FsCheck shrinks any failure to a small text.
        Prop.ForAll<string>(text =>
        {
            var template = TemplateLoader.LoadText("fuzz.yaml", text ?? string.Empty);
            var ruleSet = RuleSetLoader.LoadText("fuzz.yaml", text ?? string.Empty);
            return (template.Success || template.Diagnostics.Any(d => d.IsError))
                && (ruleSet.Success || ruleSet.Diagnostics.Any(d => d.IsError));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Load_ValidTemplateWithOneCharacterDeleted_NeverThrows()
    {
        // Arrange: every other single-character deletion of the valid template (every line is hit).
        var valid = File.ReadAllText(TemplateTestData.PathOf(ValidPath));

        for (var i = 0; i < valid.Length; i += 2)
        {
            // Act / Assert
            AssertOnlyDiagnostics(valid.Remove(i, 1), $"deleting offset {i}");
        }
    }

    [Fact]
    public void Load_DeeplyNestedFlowLists_ReportsNestingInsteadOfOverflowing()
    {
        // Arrange
        var text = "id: deep\ncriteria: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        // Act
        var result = TemplateLoader.LoadText("deep.yaml", text);

        // Assert
        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldHaveSingleItem().ToString().ShouldBe(
            "deep.yaml:2:74: error AK1026: The YAML is nested more than 64 levels deep.");
    }

    [Fact]
    public void Load_DeeplyNestedBlockLists_ReportsNestingInsteadOfOverflowing()
    {
        // Arrange
        var text = "criteria:\n  " + string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n";

        // Act
        var result = TemplateLoader.LoadText("deep.yaml", text);

        // Assert
        result.Diagnostics.ShouldContain(d => d.Code == "AK1026");
    }

    [Fact]
    public void Load_OneMegabyteTemplate_LoadsEveryCriterion()
    {
        // Arrange
        var text = new StringBuilder("id: large\nversion: 1\ntitle: Large\napplies_to: [CIN]\ncriteria:\n");
        var count = 0;
        while (text.Length < 1_048_576)
        {
            var id = "criterion_" + count.ToString(CultureInfo.InvariantCulture);
            text.Append("  - id: ").Append(id).Append("\n    section: Section\n    text: The ").Append(id)
                .Append(" is recorded.\n    met_when: \"answer = 'Yes' and length('").Append(id).Append("') > 3\"\n");
            count++;
        }

        // Act
        var result = TemplateLoader.LoadText("large.yaml", text.ToString());

        // Assert
        result.Diagnostics.ShouldBeEmpty();
        result.Value!.Criteria.Length.ShouldBe(count);
        var last = result.Value.Criteria[^1].MetWhen!;
        last.Start.Line.ShouldBe(5 + (count * 4));
        last.Start.Column.ShouldBe(16);
    }

    [Fact]
    public void Load_OneMegabyteOfNoise_ReportsProblems()
    {
        // Arrange
        var random = new Random(7);
        var text = new StringBuilder();
        while (text.Length < 1_048_576)
        {
            text.Append(Fragments[random.Next(Fragments.Length)]);
        }

        // Act
        var result = TemplateLoader.LoadText("noise.yaml", text.ToString());

        // Assert
        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldNotBeEmpty();
    }

    [Fact]
    public void Load_ManyAliasesOfOneAnchor_ReportsThemWithoutExpanding()
    {
        // Arrange: the "billion laughs" shape, which must not be expanded.
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"a{i}: &a{i} [");
            text.Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)));
            text.Append("]\n");
        }

        // Act
        var result = TemplateLoader.LoadText("laughs.yaml", text.ToString());

        // Assert
        result.Diagnostics.Count(d => d.Code == "AK1025").ShouldBe(90);
    }

    private static void AssertOnlyDiagnostics(string text, string because)
    {
        LoadResult<AuditTemplate> template;
        LoadResult<RuleSet> ruleSet;
        try
        {
            // The path names no rules folder, so rule sets are looked for but not read for every run.
            template = TemplateLoader.LoadText("fuzz/templates/fuzz.yaml", text);
            ruleSet = RuleSetLoader.LoadText("rules/fuzz.yaml", text);

            // `validate` compiles even a template with errors (its best-effort model), so that must not throw either.
            if (template.Value is { } partial)
            {
                RuleSetCompiler.Compile(partial, EnglandAndWalesCalendar.Default);
            }

            if (ruleSet.Value is { } partialRules)
            {
                RuleSetCompiler.CheckSyntax(partialRules);
            }
        }
        catch (Exception e)
        {
            Assert.Fail($"{because}: {e.GetType().Name}: {e.Message}\n--- text ---\n{text}");
            throw;
        }

        var lines = text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 2;
        foreach (var result in new[] { template.Diagnostics, ruleSet.Diagnostics })
        {
            result.ShouldAllBe(d => d.Location.Line >= 0 && d.Location.Line <= lines, because);
            result.ShouldAllBe(d => d.Message.Length > 0, because);
        }

        // A success always has a value; a failure always says why (it may still carry a best-effort model).
        if (template.Success)
        {
            template.Value.ShouldNotBeNull(because);
        }
        else
        {
            template.Diagnostics.ShouldContain(d => d.IsError, because);
        }
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return Fragments[random.Next(Fragments.Length)];
        }

        var at = random.Next(text.Length);
        var lines = text.Split('\n').ToList();
        switch (random.Next(8))
        {
            case 0:
                return text.Remove(at, 1);
            case 1:
                return text.Insert(at, text[at].ToString());
            case 2:
                return text.Insert(at, Fragments[random.Next(Fragments.Length)]);
            case 3:
                {
                    var a = random.Next(lines.Count);
                    var b = random.Next(lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    return string.Join('\n', lines);
                }

            case 4:
                return text[..at];
            case 5:
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            case 6:
                {
                    var line = random.Next(lines.Count);
                    lines.Insert(line, lines[line]);
                    return string.Join('\n', lines);
                }

            default:
                {
                    var line = random.Next(lines.Count);
                    lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart();
                    return string.Join('\n', lines);
                }
        }
    }
}
