using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Templates;

public class BrokenTemplateSnapshotTests
{
    public static TheoryData<string> BrokenTemplates => [.. TemplateTestData.FileNames("Templates/broken/templates")];

    public static TheoryData<string> BrokenRuleSets => [.. TemplateTestData.FileNames("Templates/broken/rules")];

    [Theory]
    [MemberData(nameof(BrokenTemplates))]
    public void Load_BrokenTemplate_ReportsEveryProblemWithLocation(string fileName)
    {
        // Arrange
        var path = TemplateTestData.PathOf("Templates/broken/templates/" + fileName);

        // Act: what `auditkit validate` reports: structure, then every expression of the best-effort model.
        var result = TemplateValidator.ValidateTemplate(path, null, EnglandAndWalesCalendar.Default);

        // Assert
        result.Compiled.ShouldBeNull();
        result.Diagnostics.ShouldContain(d => d.IsError);
        Snapshot.Match(TemplateTestData.Render(result.Diagnostics), "template-" + Path.GetFileNameWithoutExtension(fileName));
    }

    [Theory]
    [MemberData(nameof(BrokenRuleSets))]
    public void Load_RuleSetFile_MatchesSnapshot(string fileName)
    {
        // Arrange
        var path = TemplateTestData.PathOf("Templates/broken/rules/" + fileName);

        // Act
        var diagnostics = TemplateValidator.ValidateRuleSet(path);

        // Assert
        Snapshot.Match(TemplateTestData.Render(diagnostics), "ruleset-" + Path.GetFileNameWithoutExtension(fileName));
    }

    [Fact]
    public void BrokenTemplates_CoverManyProblemAreas_AtLeastTwenty()
    {
        // Arrange / Act
        var count = TemplateTestData.FileNames("Templates/broken/templates").Count();

        // Assert
        count.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void Load_EveryDiagnostic_HasCodeLocationAndOneSentence()
    {
        // Arrange
        var files = TemplateTestData.FileNames("Templates/broken/templates")
            .Select(f => TemplateTestData.PathOf("Templates/broken/templates/" + f));

        // Act
        var diagnostics = files.SelectMany(f => TemplateLoader.Load(f).Diagnostics).ToList();

        // Assert
        diagnostics.ShouldAllBe(d => d.Code.StartsWith("AK1") && d.Code.Length == 6);
        diagnostics.ShouldAllBe(d => d.Location.Line > 0 && d.Location.Column > 0);
        diagnostics.ShouldAllBe(d => d.Message.EndsWith('.') || d.Message.EndsWith('?'));
        diagnostics.ShouldAllBe(d => !d.Message.Contains('\n'));
    }
}
