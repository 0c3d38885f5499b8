using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Evaluation;

public sealed class RuleSetCompilerTests
{
    [Fact]
    public void Compile_ManyMistakes_ReportsEveryOneSorted()
    {
        // Arrange: mistakes in criteria, grading and each kind of action rule, written on different lines.
        var template = new TemplateBuilder().Fact("child_age", FactType.Number).Build() with
        {
            Criteria =
            [
                Criterion("seen_alone", appliesWhen: At("chld_age >= 4", 12), metWhen: At("answer", 13)),
                Criterion("plan", metWhen: At("answer = 'Yes' and", 20)),
            ],
            OwnRules = new RuleBook(
                [new GradingRule("Good", At("grade = 'Good'", 30), "t", default)],
                [new ActionRule(ActionScope.Case, At("score > '0.5'", 40), "x", Role.TeamManager, 5, null, "t", "t/case_actions/0", default)],
                [new ActionRule(ActionScope.Team, At("rag = 'Red' and audits >= three", 50), "x", Role.TeamManager, 5, null, "t", "t/team_actions/0", default)],
                [new ActionRule(ActionScope.Service, At("red_teams + 1", 60), "x", Role.HeadOfService, 5, null, "t", "t/service_actions/0", default)]),
        };

        // Act
        var result = RuleSetCompiler.Compile(template, WeekendOnlyCalendar.Instance);

        // Assert
        result.Success.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            "t.yaml:12:3: error AK2010: Unknown name 'chld_age'. Did you mean 'child_age'?",
            "t.yaml:13:3: error AK2016: 'met_when' must be true or false, but this expression gives text.",
            "t.yaml:20:21: error AK2004: Expected a value (a name, a number, 'text', true, false or a function call) but found the end of the expression.",
            "t.yaml:30:3: error AK2011: 'grade' can only be used in case_actions.",
            "t.yaml:40:9: error AK2014: Cannot compare number with text; '>' needs the same type on both sides.",
            "t.yaml:50:29: error AK2010: Unknown name 'three'.",
            "t.yaml:60:3: error AK2016: 'when' must be true or false, but this expression gives a number.",
        ]);
    }

    [Fact]
    public void Compile_PartlyWhenWithoutMetWhen_IsAWarningOnly()
    {
        var template = new TemplateBuilder().Criterion("voice", partlyWhen: "answer = 'Partly'").Build();

        var result = RuleSetCompiler.Compile(template, WeekendOnlyCalendar.Instance);

        result.Success.ShouldBeTrue();
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Code.ShouldBe("AK2030");
    }

    [Fact]
    public void Compile_ValidTemplate_MarksComputedCriteriaAndListsRules()
    {
        var template = new TemplateBuilder()
            .Fact("visit_date", FactType.Date)
            .Criterion("answered")
            .Criterion("computed", metWhen: "visit_date <= audit_date + 10")
            .Criterion("judged", metWhen: "answer = 'Yes' and visit_date <= audit_date")
            .Grade("Good", "score >= 0.8")
            .Grade("Requires improvement", "true")
            .Grade("Good", "met > 10")
            .Build();

        var result = RuleSetCompiler.Compile(template, WeekendOnlyCalendar.Instance);

        result.Success.ShouldBeTrue();
        var ruleSet = result.Value!;
        ruleSet.Criteria.Select(c => c.IsComputed).ShouldBe([false, true, false]);
        ruleSet.Grades.ShouldBe(["Good", "Requires improvement"]);
        ruleSet.GradingRules.Length.ShouldBe(3);
    }

    [Fact]
    public void CheckSyntax_RuleSet_FlagsSyntaxEverywhereAndNamesOnlyWhereAllAreKnown()
    {
        var ruleSet = new RuleSet
        {
            Id = "standard",
            SourcePath = "rules/standard.yaml",
            SourceText = string.Empty,
            Rules = new RuleBook(
                [
                    new GradingRule("Inadequate", At("critical_not_met > 0 or child_seen_alone = 'not_met'", 3), "standard", default),
                    new GradingRule("Good", At("score >= 0.8 and", 5), "standard", default),
                ],
                [new ActionRule(ActionScope.Case, At("grade = 'Inadequate' and any_fact > 2", 8), "x", Role.TeamManager, 5, null, "standard", "k", default)],
                [new ActionRule(ActionScope.Team, At("rag = 'Red' and scoer < 1", 11), "x", Role.TeamManager, 5, null, "standard", "k", default)],
                [new ActionRule(ActionScope.Service, At("red_teams >= 'three'", 14), "x", Role.HeadOfService, 5, null, "standard", "k", default)]),
        };

        var diagnostics = RuleSetCompiler.CheckSyntax(ruleSet);

        diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            "t.yaml:5:19: error AK2004: Expected a value (a name, a number, 'text', true, false or a function call) but found the end of the expression.",
            "t.yaml:11:19: error AK2010: Unknown name 'scoer'.",
            "t.yaml:14:13: error AK2014: Cannot compare number with text; '>=' needs the same type on both sides.",
        ]);
    }

    private static CriterionDefinition Criterion(string id, ExpressionSource? appliesWhen = null, ExpressionSource? metWhen = null) => new()
    {
        Id = id,
        Section = "S",
        Text = "T",
        Target = 0.8,
        AppliesWhen = appliesWhen,
        MetWhen = metWhen,
    };

    private static ExpressionSource At(string text, int line) => ExpressionSource.Inline(text, "t.yaml", line, 3);
}
