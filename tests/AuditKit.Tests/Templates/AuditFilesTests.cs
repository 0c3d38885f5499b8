using AuditKit.Templates;

namespace AuditKit.Tests.Templates;

public class AuditFilesTests
{
    [Fact]
    public void Discover_Folder_ListsYamlFilesRecursivelySortedWithCallersPrefix()
    {
        // Arrange
        var folder = TemplateTestData.PathOf("Templates/valid");

        // Act
        var (files, problems) = AuditFiles.Discover([folder]);

        // Assert
        problems.ShouldBeEmpty();
        files.Select(f => f.Replace(TemplateTestData.Root + "/", string.Empty, StringComparison.Ordinal)).ShouldBe(
        [
            "Templates/valid/extra-rules/themed-actions.yml",
            "Templates/valid/rules/ofsted-grading.yaml",
            "Templates/valid/rules/standard-actions.yaml",
            "Templates/valid/templates/quality-of-practice.yaml",
        ]);
    }

    [Fact]
    public void Discover_FileTwiceAndMissingPath_ListsFileOnceAndReportsMissing()
    {
        // Arrange
        var file = TemplateTestData.PathOf("Templates/valid/rules/ofsted-grading.yaml");

        // Act
        var (files, problems) = AuditFiles.Discover([file, "no/such/folder", file, TemplateTestData.PathOf("Templates/valid/rules")]);

        // Assert
        files.ShouldBe([file, TemplateTestData.PathOf("Templates/valid/rules/standard-actions.yaml")]);
        problems.ShouldHaveSingleItem().ToString().ShouldBe("no/such/folder: error AK1027: The path does not exist.");
    }

    [Fact]
    public void Discover_RelativeFolder_KeepsItRelative()
    {
        // Arrange
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, TemplateTestData.PathOf("Templates/valid/rules")).Replace('\\', '/');

        // Act
        var (files, _) = AuditFiles.Discover([relative + "/"]);

        // Assert
        files.ShouldBe([relative + "/ofsted-grading.yaml", relative + "/standard-actions.yaml"]);
    }

    [Theory]
    [InlineData("Templates/valid/templates/quality-of-practice.yaml", AuditFileKind.Template)]
    [InlineData("Templates/valid/rules/ofsted-grading.yaml", AuditFileKind.RuleSet)]
    [InlineData("Templates/valid/extra-rules/themed-actions.yml", AuditFileKind.RuleSet)]
    [InlineData("Templates/broken/templates/unknown-keys.yaml", AuditFileKind.Template)]
    [InlineData("Templates/broken/templates/missing-root-keys.yaml", AuditFileKind.Template)]
    [InlineData("Templates/broken/templates/syntax-flow.yaml", AuditFileKind.Template)]
    [InlineData("Templates/broken/templates/empty.yaml", AuditFileKind.Template)]
    [InlineData("Templates/broken/rules/missing-id.yaml", AuditFileKind.RuleSet)]
    [InlineData("Templates/broken/rules/template-keys.yaml", AuditFileKind.Template)]
    [InlineData("Templates/broken/rules/lists-rule-sets.yaml", AuditFileKind.RuleSet)]
    [InlineData("Templates/positions/positions.yaml", AuditFileKind.Template)]
    public void DetectKind_File_TellsTemplateFromRuleSet(string relative, AuditFileKind expected)
    {
        // Act / Assert
        AuditFiles.DetectKind(TemplateTestData.PathOf(relative)).ShouldBe(expected);
    }

    [Fact]
    public void DetectKind_OnlyAnIdOutsideKnownFolders_Unknown()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("auditkit-kind-");
        var file = Path.Combine(folder.FullName, "only-id.yaml");
        File.WriteAllText(file, "id: only-id\n");

        try
        {
            // Act / Assert
            AuditFiles.DetectKind(file).ShouldBe(AuditFileKind.Unknown);
            AuditFiles.DetectKind(Path.Combine(folder.FullName, "missing.yaml")).ShouldBe(AuditFileKind.Unknown);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Validate_RuleSetWithARulesKey_OneErrorSayingRuleSetsCannotListRuleSets()
    {
        var result = await Support.CliRunner.RunAsync(TemplateTestData.Root, "validate", "Templates/broken/rules/lists-rule-sets.yaml");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe(
            "Templates/broken/rules/lists-rule-sets.yaml:2:1: error AK1003: Unknown key 'rules': a rule set cannot list other rule sets; only a template's 'rules' can. Remove it here, and list the rule sets in the template.\n"
            + "1 error(s) in 1 file(s); 0 template(s) and 1 rule set(s) checked.\n");
    }
}
