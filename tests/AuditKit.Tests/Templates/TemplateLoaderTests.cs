using System.Security.Cryptography;
using System.Text;
using AuditKit.Templates;

namespace AuditKit.Tests.Templates;

public class TemplateLoaderTests
{
    private const string TemplatePath = "Templates/valid/templates/quality-of-practice.yaml";

    private static string[] ExtraRules => [TemplateTestData.PathOf("Templates/valid/extra-rules")];

    private static AuditTemplate LoadValid()
    {
        var result = TemplateLoader.Load(TemplateTestData.PathOf(TemplatePath), ExtraRules);
        result.Diagnostics.ShouldBeEmpty(TemplateTestData.Render(result.Diagnostics));
        result.Success.ShouldBeTrue();
        return result.Value!;
    }

    [Fact]
    public void Load_ValidTemplate_ReadsHeaderAndScoringWithDefaults()
    {
        // Act
        var template = LoadValid();

        // Assert
        template.Id.ShouldBe("quality-of-practice");
        template.Version.ShouldBe(3);
        template.Title.ShouldBe("Monthly quality of practice audit");
        template.AppliesTo.ShouldBe(["CIN", "CP", "LAC"]);
        template.RuleSetIds.ShouldBe(["ofsted-grading", "standard-actions", "themed-actions"]);
        template.Scoring.ShouldBe(new ScoringOptions(0.5, 0.15, 0.80));
        template.SourcePath.ShouldBe(TemplateTestData.PathOf(TemplatePath));
        (template.Location.Line, template.Location.Column).ShouldBe((2, 1));
    }

    [Fact]
    public void Load_ValidTemplate_ReadsFactsWithExtensionsAndDefaults()
    {
        // Act
        var facts = LoadValid().Facts;

        // Assert
        facts.Select(f => f.Id).ShouldBe(["child_age", "last_visit", "plan_type"]);
        facts[0].ShouldBe(facts[0] with { Type = FactType.Number, Required = false, Label = "Age of the child", Guidance = "Age in whole years on the audit date." });
        facts[0].Choices.ShouldBeEmpty();
        facts[1].Type.ShouldBe(FactType.Date);
        facts[1].Required.ShouldBeTrue();
        facts[1].Label.ShouldBeNull();
        facts[2].Type.ShouldBe(FactType.Choice);
        facts[2].Choices.ShouldBe(["Child in need", "Child protection", "Looked after"]);
        (facts[2].Location.Line, facts[2].Location.Column).ShouldBe((18, 5));
    }

    [Fact]
    public void Load_ValidTemplate_ReadsCriteriaWithDefaults()
    {
        // Act
        var criteria = LoadValid().Criteria;

        // Assert
        criteria.Select(c => c.Id).ShouldBe(["child_seen_alone", "wishes_and_feelings", "management_oversight"]);
        var seen = criteria[0];
        seen.Section.ShouldBe("Voice of the child");
        seen.Critical.ShouldBeTrue();
        seen.Target.ShouldBe(0.90);
        seen.Required.ShouldBeTrue();
        seen.Guidance.ShouldBe("Free text shown to auditors.");
        seen.AppliesWhen!.Text.ShouldBe("child_age >= 4 or is_blank(child_age)");
        seen.MetWhen!.Text.ShouldBe("answer = 'Yes'");
        seen.PartlyWhen!.Text.ShouldBe("answer = 'Partly'");
        seen.Action!.On.ShouldBe([Outcome.NotMet, Outcome.Partly]);
        seen.Action.Owner.ShouldBe(Role.Practitioner);
        seen.Action.DueInWorkingDays.ShouldBe(10);
        seen.Action.Text.ShouldBe("Make sure {case_ref} is seen alone at the next visit and that this is recorded.");

        var wishes = criteria[1];
        wishes.Text.ShouldBe("The child's wishes and feelings are recorded and inform the plan.");
        wishes.Critical.ShouldBeFalse();
        wishes.Target.ShouldBe(0.80);
        wishes.Required.ShouldBeFalse();
        wishes.MetWhen.ShouldBeNull();
        wishes.Action.ShouldBeNull();

        var oversight = criteria[2];
        oversight.MetWhen!.Text.ShouldBe("days_between(last_visit, audit_date) <= 20\n  and answer = 'Yes'\n");
        oversight.Action!.On.ShouldBe([Outcome.NotMet]);
        oversight.Action.Owner.ShouldBe(Role.TeamManager);
    }

    [Fact]
    public void Load_ValidTemplate_OrdersRulesTemplateFirstThenRuleSetsWithOriginsAndKeys()
    {
        // Act
        var template = LoadValid();
        var rules = template.EffectiveRules;

        // Assert
        template.RuleSets.Select(r => r.Id).ShouldBe(["ofsted-grading", "standard-actions", "themed-actions"]);
        template.RuleSets[2].SourcePath.ShouldBe(TemplateTestData.PathOf("Templates/valid/extra-rules/themed-actions.yml"));
        rules.Grading.Select(g => g.Grade).ShouldBe(["Inadequate", "Outstanding", "Good", "Requires improvement"]);
        rules.Grading.ShouldAllBe(g => g.Origin == "ofsted-grading");
        rules.Grading[1].When.Text.ShouldBe("score >= 0.95");
        rules.Grading[1].When.File.ShouldBe(TemplateTestData.PathOf("Templates/valid/rules/ofsted-grading.yaml"));
        (rules.Grading[1].When.Start.Line, rules.Grading[1].When.Start.Column).ShouldBe((6, 12));

        rules.CaseActions.Select(a => a.Key).ShouldBe(["quality-of-practice/case_actions/0", "standard-actions/case_actions/0"]);
        rules.CaseActions.Select(a => a.Origin).ShouldBe(["quality-of-practice", "standard-actions"]);
        rules.CaseActions[0].Owner.ShouldBe(Role.ServiceManager);
        rules.CaseActions[0].DueInWorkingDays.ShouldBe(3);
        rules.CaseActions[0].EscalateTo.ShouldBe(Role.HeadOfService);
        rules.CaseActions.ShouldAllBe(a => a.Scope == ActionScope.Case);

        rules.TeamActions.Select(a => a.Key).ShouldBe(["standard-actions/team_actions/0", "themed-actions/team_actions/0"]);
        rules.TeamActions.ShouldAllBe(a => a.Scope == ActionScope.Team && a.EscalateTo == null);
        rules.TeamActions[1].DueInWorkingDays.ShouldBe(120);

        rules.ServiceActions.Select(a => a.Key).ShouldBe(["standard-actions/service_actions/0"]);
        rules.ServiceActions[0].Scope.ShouldBe(ActionScope.Service);
        rules.ServiceActions[0].Owner.ShouldBe(Role.HeadOfService);
    }

    [Fact]
    public void Load_ValidTemplate_HashIsSha256OfTemplateThenRuleSetTexts()
    {
        // Arrange
        string[] files =
        [
            TemplatePath,
            "Templates/valid/rules/ofsted-grading.yaml",
            "Templates/valid/rules/standard-actions.yaml",
            "Templates/valid/extra-rules/themed-actions.yml",
        ];
        var all = string.Concat(files.Select(f => File.ReadAllText(TemplateTestData.PathOf(f))));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)));

        // Act
        var first = LoadValid();
        var second = LoadValid();

        // Assert
        first.SourceHash.ShouldBe(expected);
        second.SourceHash.ShouldBe(first.SourceHash);
    }

    [Fact]
    public void Load_RuleSetOnlyInRulesDirectory_NotFoundWithoutIt()
    {
        // Act
        var result = TemplateLoader.Load(TemplateTestData.PathOf(TemplatePath));

        // Assert
        result.Success.ShouldBeFalse();
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.Code.ShouldBe("AK1022");
        TemplateTestData.Render([problem]).ShouldBe(
            "Templates/valid/templates/quality-of-practice.yaml:6:43: error AK1022: Rule set 'themed-actions' was not found: "
            + "looked for 'themed-actions.yaml' and 'themed-actions.yml' in 'Templates/valid/rules'.");
    }

    [Fact]
    public void Load_RelativePath_KeepsPathsRelativeWithForwardSlashes()
    {
        // Arrange
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, TemplateTestData.PathOf("Templates/broken/templates/missing-rule-set.yaml"));

        // Act
        var result = TemplateLoader.Load(relative);

        // Assert
        var problem = result.Diagnostics.ShouldHaveSingleItem();
        problem.Location.File.ShouldBe(relative.Replace('\\', '/'));
        problem.Message.ShouldContain("'" + Path.GetDirectoryName(Path.GetDirectoryName(relative))!.Replace('\\', '/') + "/rules'");
    }

    [Fact]
    public void Load_MissingFile_ReportsItInsteadOfThrowing()
    {
        // Act
        var result = TemplateLoader.Load("no/such/template.yaml");

        // Assert
        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldHaveSingleItem().ToString().ShouldBe("no/such/template.yaml: error AK1000: The file does not exist.");
    }

    [Fact]
    public void RuleSetLoader_ValidRuleSet_ReadsRulesInOrder()
    {
        // Act
        var result = RuleSetLoader.Load(TemplateTestData.PathOf("Templates/valid/rules/standard-actions.yaml"));

        // Assert
        result.Success.ShouldBeTrue();
        var ruleSet = result.Value!;
        ruleSet.Id.ShouldBe("standard-actions");
        ruleSet.Rules.Grading.ShouldBeEmpty();
        ruleSet.Rules.CaseActions.ShouldHaveSingleItem().Text.ShouldBe("Case to be reviewed by the team manager and re-audited.");
        ruleSet.SourceText.ShouldBe(File.ReadAllText(TemplateTestData.PathOf("Templates/valid/rules/standard-actions.yaml")));
    }

    [Theory]
    [InlineData("templates/../rules", "rules")]
    [InlineData("../rules", "../rules")]
    [InlineData("a/b/../../../rules", "../rules")]
    [InlineData("/srv/templates/../rules", "/srv/rules")]
    [InlineData("./templates/./x.yaml", "templates/x.yaml")]
    [InlineData("a\\b", "a/b")]
    public void Join_DotSegments_ResolvedByText(string path, string expected)
    {
        // Act / Assert
        SourceFiles.Join(path).ShouldBe(expected);
    }
    [Theory]
    [InlineData(null, AuditKit.Compliance.PeriodLength.Month)]
    [InlineData("month", AuditKit.Compliance.PeriodLength.Month)]
    [InlineData("quarter", AuditKit.Compliance.PeriodLength.Quarter)]
    public void Load_ScoringPeriod_ChoosesMonthsOrQuarters(string? period, AuditKit.Compliance.PeriodLength expected)
    {
        // Arrange: the valid template beside itself, with the period given or left out.
        var path = WithScoringPeriod(period);

        // Act
        var result = TemplateLoader.Load(path, [Path.Combine(Path.GetDirectoryName(path)!, "..", "extra-rules")]);

        // Assert
        result.Diagnostics.ShouldBeEmpty(TemplateTestData.Render(result.Diagnostics));
        result.Value!.Scoring.Period.ShouldBe(expected);
    }

    [Fact]
    public void Load_ScoringPeriodNotMonthOrQuarter_IsLocatedError()
    {
        // Act
        var path = WithScoringPeriod("fortnight");
        var result = TemplateLoader.Load(path, [Path.Combine(Path.GetDirectoryName(path)!, "..", "extra-rules")]);

        // Assert
        result.Success.ShouldBeFalse();
        var error = result.Diagnostics.Single();
        (error.Code, error.Location.Line, error.Message).ShouldBe(("AK1009", 10, "'period' must be month or quarter, not 'fortnight'."));
    }

    private static string WithScoringPeriod(string? period)
    {
        var original = TemplateTestData.PathOf(TemplatePath);
        var lines = File.ReadAllLines(original).ToList();
        if (period is not null)
        {
            lines.Insert(lines.IndexOf("  amber_margin: 0.15") + 1, "  period: " + period);
        }

        // A copy of the valid tree in a folder of its own (its rule sets resolve the same way), not beside the test data.
        var root = Path.Combine(Path.GetTempPath(), "auditkit-period-" + Guid.NewGuid().ToString("N")[..12]);
        var valid = TemplateTestData.PathOf("Templates/valid");
        foreach (var file in Directory.EnumerateFiles(valid, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(root, Path.GetRelativePath(valid, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var path = Path.Combine(root, "templates", "quality-of-practice.yaml");
        File.WriteAllLines(path, lines);
        return path;
    }
}
