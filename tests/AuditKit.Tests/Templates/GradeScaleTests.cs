using System.Text;
using AuditKit.Expressions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Templates;

public sealed class GradeScaleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("auditkit-grades-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void For_OfstedGradesTriedWorstFirst_OrdersThemBestFirst()
    {
        // The rows of ofsted-grading: a critical standard not met makes a case Inadequate before any score is looked at.
        var scale = GradeScale.For(Book("Inadequate", "Outstanding", "Good", "Requires improvement", "Inadequate"));

        scale.Grades.ShouldBe(["Outstanding", "Good", "Requires improvement", "Inadequate"]);
        scale.Source.ShouldBe(GradeScaleSource.Ofsted);
    }

    [Fact]
    public void For_SomeOfstedGradesInAnyCase_KeepsTheirSpellingInOfstedOrder()
    {
        var scale = GradeScale.For(Book("inadequate", "GOOD"));

        scale.Grades.ShouldBe(["GOOD", "inadequate"]);
        scale.Source.ShouldBe(GradeScaleSource.Ofsted);
    }

    [Fact]
    public void For_GradesThatAreNotOfsteds_KeepsTheOrderTheyAreFirstGiven()
    {
        var scale = GradeScale.For(Book("Not met", "Fully met", "Partly met", "Not met"));

        scale.Grades.ShouldBe(["Not met", "Fully met", "Partly met"]);
        scale.Source.ShouldBe(GradeScaleSource.AsWritten);
    }

    [Fact]
    public void For_DeclaredList_IsTheScaleWhateverTheRowsOrder()
    {
        var scale = GradeScale.For(Book("Not met", "Fully met", "Partly met") with { Grades = ["Fully met", "Partly met", "Not met", "Not seen"] });

        scale.Grades.ShouldBe(["Fully met", "Partly met", "Not met", "Not seen"]);
        scale.Source.ShouldBe(GradeScaleSource.Declared);
    }

    [Fact]
    public void Order_CountedGrades_ScaleFirstThenOthersInOrdinalOrder()
    {
        var scale = GradeScale.For(Book("Inadequate", "Good", "Requires improvement"));

        scale.Order(["Requires improvement", "Zeta", "Inadequate", "Alpha", "Good", "Good"]).ShouldBe(["Good", "Requires improvement", "Inadequate", "Alpha", "Zeta"]);
        scale.WithOthers(["Alpha"]).ShouldBe(["Good", "Requires improvement", "Inadequate", "Alpha"]);
        scale.Rank("Good").ShouldBe(0);
        scale.Rank("Alpha").ShouldBe(-1);
    }

    [Fact]
    public void Load_BundledTemplate_GradesOnTheOfstedScale()
    {
        var loaded = TemplateLoader.Load(RepoPaths.InRepo("templates", "quality-of-practice.yaml"));

        loaded.Success.ShouldBeTrue();
        loaded.Value!.EffectiveRules.Grading[0].Grade.ShouldBe("Inadequate");
        loaded.Value.GradeScale.Grades.ShouldBe(["Outstanding", "Good", "Requires improvement", "Inadequate"]);
    }

    [Fact]
    public void Load_RuleSetWithGradesList_TemplateUsesIt()
    {
        Write("rules/practice-grading.yaml", """
            id: practice-grading
            grades: [Fully met, Partly met, Not met]
            grading:
              - grade: Not met
                when: "critical_not_met > 0"
              - grade: Fully met
                when: "score >= 0.9"
              - grade: Partly met
                when: "score >= 0.5"
              - grade: Not met
                when: "true"
            """);
        var path = WriteTemplate("rules: [practice-grading]");

        var loaded = TemplateLoader.Load(path);

        loaded.Diagnostics.ShouldBeEmpty(TemplateTestData.Render(loaded.Diagnostics));
        loaded.Value!.GradeScale.Grades.ShouldBe(["Fully met", "Partly met", "Not met"]);
        loaded.Value.GradeScale.Source.ShouldBe(GradeScaleSource.Declared);
    }

    [Fact]
    public void Load_GradeNotOnItsFilesList_IsAnErrorWithAHint()
    {
        Write("rules/practice-grading.yaml", """
            id: practice-grading
            grades: [Fully met, Partly met, Not met]
            grading:
              - grade: Fully met
                when: "score >= 0.9"
              - grade: Party met
                when: "true"
            """);

        var loaded = TemplateLoader.Load(WriteTemplate("rules: [practice-grading]"));

        loaded.Success.ShouldBeFalse();
        var error = loaded.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("AK1030");
        (error.Location.Line, error.Location.Column).ShouldBe((6, 12));
        error.Message.ShouldBe("The grade 'Party met' is not on the 'grades' scale. Did you mean 'Partly met'? Add it to 'grades' (best first), or spell it as listed there.");
    }

    [Fact]
    public void Load_TemplatesOwnGradeNotOnTheRuleSetsList_IsAnError()
    {
        Write("rules/practice-grading.yaml", """
            id: practice-grading
            grades: [Fully met, Not met]
            grading:
              - grade: Not met
                when: "true"
            """);
        var path = WriteTemplate("""
            rules: [practice-grading]
            grading:
              - grade: Exemplary
                when: "score >= 0.99"
            """);

        var loaded = TemplateLoader.Load(path);

        var error = loaded.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("AK1030");
        error.Message.ShouldStartWith("The grade 'Exemplary' is not on the 'grades' scale.");
        error.Location.File.ShouldEndWith("templates/spot-check.yaml");
    }

    [Fact]
    public void Load_GradesListedTwice_IsAnError()
    {
        Write("rules/practice-grading.yaml", """
            id: practice-grading
            grades: [Good, Good]
            grading:
              - grade: Good
                when: "true"
            """);

        var loaded = TemplateLoader.Load(WriteTemplate("rules: [practice-grading]"));

        loaded.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("AK1024");
    }

    private static RuleBook Book(params string[] grades) =>
        RuleBook.Empty with { Grading = [.. grades.Select(g => new GradingRule(g, ExpressionSource.Inline("true"), "test", default))] };

    private string WriteTemplate(string rules) => Write("templates/spot-check.yaml", $"""
        id: spot-check
        version: 1
        title: Spot check
        applies_to: [CP]
        {rules}
        criteria:
          - id: child_seen_alone
            section: Voice of the child
            text: The child was seen alone.
        """);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
        return path;
    }
}
