using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.FollowUps;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Evaluation;

public sealed class CompiledRuleSetTests
{
    private static readonly DateOnly Tuesday = new(2026, 11, 3);

    [Theory]
    [InlineData("Yes", Outcome.Met)]
    [InlineData("Partly", Outcome.Partly)]
    [InlineData("No", Outcome.NotMet)]
    [InlineData("N/A", Outcome.NotApplicable)]
    [InlineData(null, Outcome.Missing)]
    public void Evaluate_NoMetWhen_AnswerDecides(string? answer, Outcome expected)
    {
        var template = new TemplateBuilder().Criterion("plan_smart").Build();
        var ruleSet = Compile(template);

        var result = ruleSet.Evaluate(new SubmissionBuilder(template).Answer("plan_smart", answer).Build());

        result.Outcomes.ShouldBe([expected]);
    }

    [Theory]
    [InlineData(3, "Yes", Outcome.NotApplicable)]
    [InlineData(3, "No", Outcome.NotApplicable)]
    [InlineData(4, "No", Outcome.NotMet)]
    [InlineData(9, "Yes", Outcome.Met)]
    [InlineData(null, "Yes", Outcome.Met)]
    public void Evaluate_AppliesWhen_FalseGivesNotApplicable(int? age, string answer, Outcome expected)
    {
        var template = new TemplateBuilder()
            .Fact("child_age", FactType.Number)
            .Criterion("child_seen_alone", appliesWhen: "child_age >= 4 or is_blank(child_age)")
            .Build();
        var submission = new SubmissionBuilder(template)
            .Answer("child_seen_alone", answer)
            .Fact("child_age", age is { } a ? Value.FromNumber(a) : Value.Missing)
            .Build();

        Compile(template).Evaluate(submission).Outcomes.ShouldBe([expected]);
    }

    [Fact]
    public void Evaluate_AppliesWhenMissing_GivesMissing()
    {
        var template = new TemplateBuilder()
            .Fact("child_age", FactType.Number)
            .Criterion("child_seen_alone", appliesWhen: "child_age >= 4")
            .Build();

        var result = Compile(template).Evaluate(new SubmissionBuilder(template).Answer("child_seen_alone", "Yes").Build());

        result.Outcomes.ShouldBe([Outcome.Missing]);
    }

    [Theory]
    [InlineData("Yes", Outcome.Met)]
    [InlineData("Partly", Outcome.Partly)]
    [InlineData("No", Outcome.NotMet)]
    [InlineData("N/A", Outcome.NotMet)]
    [InlineData(null, Outcome.Missing)]
    public void Evaluate_MetWhenAndPartlyWhen_DecideInOrder(string? answer, Outcome expected)
    {
        var template = new TemplateBuilder()
            .Criterion("voice", metWhen: "answer = 'Yes'", partlyWhen: "answer = 'Partly'")
            .Build();

        var result = Compile(template).Evaluate(new SubmissionBuilder(template).Answer("voice", answer).Build());

        result.Outcomes.ShouldBe([expected]);
    }

    [Fact]
    public void Evaluate_MetWhenFalseWithoutPartlyWhen_IsNotMet()
    {
        var template = new TemplateBuilder().Criterion("voice", metWhen: "answer = 'Yes'").Build();

        var result = Compile(template).Evaluate(new SubmissionBuilder(template).Answer("voice", "Partly").Build());

        result.Outcomes.ShouldBe([Outcome.NotMet]);
    }

    [Fact]
    public void Evaluate_PartlyWhenMissing_IsMissingNotSilentlyNotMet()
    {
        var template = new TemplateBuilder()
            .Fact("visits", FactType.Number)
            .Criterion("visits_recorded", metWhen: "visits >= 2", partlyWhen: "visits >= 1 or is_blank(answer) and visits > 0")
            .Build();
        var submission = new SubmissionBuilder(template).Fact("visits", Value.FromNumber(0)).Build();

        Compile(template).Evaluate(submission).Outcomes.ShouldBe([Outcome.NotMet]);

        var template2 = new TemplateBuilder()
            .Fact("visits", FactType.Number)
            .Fact("planned", FactType.Number)
            .Criterion("visits_recorded", metWhen: "visits >= 2", partlyWhen: "visits >= planned")
            .Build();
        var submission2 = new SubmissionBuilder(template2).Fact("visits", Value.FromNumber(1)).Build();

        Compile(template2).Evaluate(submission2).Outcomes.ShouldBe([Outcome.Missing]);
    }

    [Theory]
    [InlineData(2026, 11, 13, Outcome.Met)]
    [InlineData(2026, 11, 17, Outcome.Met)]
    [InlineData(2026, 11, 18, Outcome.NotMet)]
    public void Evaluate_VisitWithinTenWorkingDays_UsesCalendar(int year, int month, int day, Outcome expected)
    {
        // Referral on Tuesday 3 November 2026; 10 working days later is Tuesday 17 November.
        var template = new TemplateBuilder()
            .Fact("referral_date", FactType.Date)
            .Fact("visit_date", FactType.Date)
            .Criterion("visit_in_time", metWhen: "working_days_between(referral_date, visit_date) <= 10")
            .Build();
        var submission = new SubmissionBuilder(template)
            .Fact("referral_date", Value.FromDate(Tuesday))
            .Fact("visit_date", Value.FromDate(new DateOnly(year, month, day)))
            .Build();

        Compile(template).Evaluate(submission).Outcomes.ShouldBe([expected]);
    }

    [Fact]
    public void Evaluate_ComputedCriterionWithBlankFact_IsMissing()
    {
        var template = new TemplateBuilder()
            .Fact("referral_date", FactType.Date)
            .Fact("visit_date", FactType.Date)
            .Criterion("visit_in_time", metWhen: "working_days_between(referral_date, visit_date) <= 10")
            .Build();

        var ruleSet = Compile(template);
        var result = ruleSet.Evaluate(new SubmissionBuilder(template).Fact("referral_date", Value.FromDate(Tuesday)).Build());

        result.Outcomes.ShouldBe([Outcome.Missing]);
        ruleSet.Template.Criteria[0].IsComputed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_Counts_ScoreAndCriticalNotMet()
    {
        var template = new TemplateBuilder()
            .WithScoring(new ScoringOptions(PartlyWeight: 0.5))
            .Criterion("a", critical: true)
            .Criterion("b")
            .Criterion("c")
            .Criterion("d", critical: true)
            .Criterion("e")
            .Criterion("f", required: false)
            .Build();
        var submission = new SubmissionBuilder(template)
            .Answer("a", "No").Answer("b", "Yes").Answer("c", "Partly").Answer("d", "Yes").Answer("e", "N/A").Build();

        var result = Compile(template).Evaluate(submission);

        result.Counts.ShouldBe(new OutcomeCounts(Met: 2, Partly: 1, NotMet: 1, NotApplicable: 1, Missing: 1));
        result.Score.ShouldBe(2.5 / 4);
        result.CriticalNotMet.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_NothingApplicable_ScoreIsNull()
    {
        var template = new TemplateBuilder().Criterion("a").Criterion("b").Build();

        var result = Compile(template).Evaluate(new SubmissionBuilder(template).AnswerAll("N/A").Build());

        result.Score.ShouldBeNull();
    }

    [Theory]
    [InlineData("No", "Yes", "Yes", "Inadequate")]
    [InlineData("Yes", "Yes", "Yes", "Outstanding")]
    [InlineData("Yes", "Yes", "Partly", "Requires improvement")]
    [InlineData("Yes", "Partly", "Yes", "Requires improvement")]
    [InlineData("N/A", "N/A", "N/A", "Requires improvement")]
    public void Evaluate_Grading_FirstMatchWins_MissingNeverMatches(string a, string b, string c, string grade)
    {
        // Arrange: with all N/A the score is missing, so neither score row matches and the catch-all gives the grade.
        var template = OfstedTemplate();
        var submission = new SubmissionBuilder(template).Answer("a", a).Answer("b", b).Answer("c", c).Build();

        // Act
        var result = Compile(template).Evaluate(submission);

        // Assert
        result.Grade.ShouldBe(grade);
    }

    [Fact]
    public void Evaluate_NoGradingRowMatches_GradeIsNull()
    {
        var template = new TemplateBuilder().Criterion("a").Grade("Good", "score >= 0.8").Build();

        Compile(template).Evaluate(new SubmissionBuilder(template).Answer("a", "N/A").Build()).Grade.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_CriterionOutcomesReadableInGrading()
    {
        var template = new TemplateBuilder()
            .Criterion("a").Criterion("b")
            .Grade("Inadequate", "a = 'not_met' and b in ['missing', 'not_applicable']")
            .Grade("Other", "true")
            .Build();

        Compile(template).Evaluate(new SubmissionBuilder(template).Answer("a", "No").Build()).Grade.ShouldBe("Inadequate");
        Compile(template).Evaluate(new SubmissionBuilder(template).Answer("a", "No").Answer("b", "Yes").Build()).Grade.ShouldBe("Other");
    }

    [Fact]
    public void Evaluate_CriterionAction_RaisedOnListedOutcomeWithWorkingDayDueDate()
    {
        // Arrange: audit on Friday 6 November 2026; 10 working days later is Friday 20 November.
        var action = new CriterionAction
        {
            On = [Outcome.NotMet, Outcome.Partly],
            Text = "Make sure the child is seen alone ({criterion}: {criterion_text}) for {case_ref} in {team}; target {target}.",
            Owner = Role.Practitioner,
            DueInWorkingDays = 10,
        };
        var template = new TemplateBuilder().WithId("qop")
            .Criterion("child_seen_alone", target: 0.9, action: action)
            .Criterion("other", action: action)
            .Build();
        var submission = new SubmissionBuilder(template).Id("AUD-7", "CASE-9").Team("Team B").Date(new DateOnly(2026, 11, 6))
            .Answer("child_seen_alone", "Partly").Answer("other", "Yes").Build();

        // Act
        var result = Compile(template).Evaluate(submission);

        // Assert
        result.Actions.ShouldHaveSingleItem().Rule.RuleKey.ShouldBe("qop/criteria/child_seen_alone");
        var raised = FollowUpPlanner.PlanCaseActions(template.Id, result, directory: null).ShouldHaveSingleItem();
        raised.ShouldBe(new FollowUpAction(
            ActionId.Create("qop", "qop/criteria/child_seen_alone", "Team B", "AUD-7", "child_seen_alone").ToString(),
            ActionScope.Case,
            "Team B",
            "CASE-9",
            "child_seen_alone",
            "Make sure the child is seen alone (child_seen_alone: Text of child_seen_alone.) for CASE-9 in Team B; target 90%.",
            "practitioner",
            new DateOnly(2026, 11, 20),
            null,
            "qop/criteria/child_seen_alone",
            AuditId: "AUD-7",
            Target: 0.9));
    }

    [Fact]
    public void Evaluate_CaseActions_AfterCriterionActions_WhenRuleHolds()
    {
        var action = new CriterionAction { On = [Outcome.NotMet], Text = "Fix it.", Owner = Role.Practitioner, DueInWorkingDays = 10 };
        var template = new TemplateBuilder().WithId("qop")
            .Criterion("plan", critical: true, action: action)
            .Grade("Inadequate", "critical_not_met > 0")
            .Grade("Good", "true")
            .CaseAction("grade = 'Inadequate'", "Case {case_ref} to be reviewed by the team manager.", Role.TeamManager, 5, Role.HeadOfService)
            .CaseAction("grade = 'Good'", "Never raised here.")
            .Build();
        var submission = new SubmissionBuilder(template).Id("AUD-1", "C-42").Date(Tuesday).Answer("plan", "No").Build();

        var result = Compile(template).Evaluate(submission);

        result.Grade.ShouldBe("Inadequate");
        result.Actions.Select(a => a.Rule.RuleKey).ShouldBe(["qop/criteria/plan", "qop/case_actions/0"]);
        var caseAction = FollowUpPlanner.PlanCaseActions(template.Id, result, directory: null)[1];
        caseAction.Text.ShouldBe("Case C-42 to be reviewed by the team manager.");
        caseAction.Owner.ShouldBe("team_manager");
        caseAction.EscalateTo.ShouldBe("head_of_service");
        caseAction.Due.ShouldBe(new DateOnly(2026, 11, 10));
        caseAction.Criterion.ShouldBeNull();
        caseAction.Id.ShouldBe(ActionId.Create("qop", "qop/case_actions/0", "Team A", "AUD-1", null).ToString());
    }

    [Fact]
    public void Evaluate_CaseActionWhenMissing_RaisesNothing()
    {
        var template = new TemplateBuilder().Criterion("a").CaseAction("score < 0.5", "Low score.").Build();

        var result = Compile(template).Evaluate(new SubmissionBuilder(template).Answer("a", "N/A").Build());

        result.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_RuleThatThrows_RecordsFailureAndGoesOn()
    {
        var template = new TemplateBuilder().WithId("qop")
            .Fact("start", FactType.Date)
            .Criterion("timely", metWhen: "working_days_between(start, audit_date) <= 10")
            .Criterion("plain")
            .CaseAction("true", "Always.")
            .Build();
        var ruleSet = RuleSetCompiler.Compile(template, new ThrowingCalendar()).Value!;
        var submission = new SubmissionBuilder(template).Fact("start", Value.FromDate(Tuesday)).Answer("plain", "Yes").Build();

        var result = ruleSet.Evaluate(submission);

        result.Outcomes.ShouldBe([Outcome.Missing, Outcome.Met]);
        result.Failures.ShouldBe(
        [
            "Rule 'qop/criteria/timely' could not be evaluated: InvalidOperationException.",
            "Rule 'qop/case_actions/0' could not be evaluated: InvalidOperationException.",
        ]);
    }

    [Fact]
    public void Explain_GivesExpressionValuesAndResult()
    {
        var template = new TemplateBuilder()
            .Fact("child_age", FactType.Number)
            .Fact("visits", FactType.Number)
            .Criterion("seen_alone", appliesWhen: "child_age >= 4", metWhen: "answer = 'Yes'", partlyWhen: "answer = 'Partly'")
            .Criterion("answered")
            .Criterion("ratio", metWhen: "visits / child_age > 1")
            .Criterion("not_for_babies", appliesWhen: "child_age >= 4")
            .Build();
        var submission = new SubmissionBuilder(template)
            .Fact("child_age", Value.FromNumber(0))
            .Fact("visits", Value.FromNumber(3))
            .Answer("seen_alone", "No")
            .Build();

        var findings = Compile(template).Explain(submission);

        findings.Select(f => f.ToString()).ShouldBe(
        [
            "Finding { CriterionId = seen_alone, Outcome = NotApplicable, Explanation = child_age >= 4 [child_age=0] -> false }",
            "Finding { CriterionId = answered, Outcome = Missing, Explanation = answer [answer=blank] -> missing (blank: answer) }",
            "Finding { CriterionId = ratio, Outcome = Missing, Explanation = visits / child_age > 1 [visits=3, child_age=0] -> missing (division by zero) }",
            "Finding { CriterionId = not_for_babies, Outcome = NotApplicable, Explanation = child_age >= 4 [child_age=0] -> false }",
        ]);
    }

    [Fact]
    public void Explain_MissingResult_NamesBlankFields()
    {
        var template = new TemplateBuilder()
            .Fact("child_age", FactType.Number)
            .Fact("visit_date", FactType.Date)
            .Criterion("seen", appliesWhen: "child_age >= 4 or is_blank(child_age)", metWhen: "answer = 'Yes' and visit_date <= audit_date", partlyWhen: "answer = 'Partly'")
            .Build();
        var submission = new SubmissionBuilder(template).Answer("seen", "Yes").Build();

        var finding = Compile(template).Explain(submission).ShouldHaveSingleItem();

        finding.Outcome.ShouldBe(Outcome.Missing);
        finding.Explanation.Expression.ShouldBe("applies_when: child_age >= 4 or is_blank(child_age); met_when: answer = 'Yes' and visit_date <= audit_date");
        finding.Explanation.Result.ShouldBe("missing");
        finding.Explanation.BlankFields.ShouldBe(["visit_date"]);
        finding.Explanation.Read.Select(r => r.Key).ShouldBe(["child_age", "answer", "visit_date", "audit_date"]);
    }

    [Fact]
    public void Explain_CountsOfDays_KeptWithTheDatesTheyRanBetweenAndTheLimit()
    {
        // Arrange: the limit is met_when's, not applies_when's (which only decides whether the criterion applies).
        var template = new TemplateBuilder()
            .Fact("started", FactType.Date)
            .Fact("done", FactType.Date)
            .Criterion("in_time", appliesWhen: "days_between(started, audit_date) > 5", metWhen: "working_days_between(coalesce(done, started), audit_date) <= 10")
            .Build();
        var submission = new SubmissionBuilder(template).Date(new DateOnly(2026, 11, 30)).Fact("started", Value.FromDate(new DateOnly(2026, 10, 1))).Build();

        // Act
        var finding = Compile(template).Explain(submission).ShouldHaveSingleItem();

        // Assert: blank done, so the count ran from started.
        finding.Outcome.ShouldBe(Outcome.NotMet);
        var count = finding.Explanation.DayCounts.ShouldHaveSingleItem();
        count.WorkingDays.ShouldBeTrue();
        count.From.ShouldBe("started");
        count.To.ShouldBe("audit_date");
        count.Limit.ShouldBe(10);
        count.Days.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Explain_AgreesWithEvaluate()
    {
        var template = OfstedTemplate();
        var ruleSet = Compile(template);
        string?[] answers = ["Yes", "No", "Partly", "N/A", null];
        foreach (var a in answers)
        {
            foreach (var b in answers)
            {
                var submission = new SubmissionBuilder(template).Answer("a", a).Answer("b", b).Answer("c", "Yes").Build();
                ruleSet.Explain(submission).Select(f => f.Outcome).ShouldBe(ruleSet.Evaluate(submission).Outcomes);
            }
        }
    }

    [Fact]
    public void TeamActionMatches_EvaluatesWhen_MissingNeverMatches()
    {
        var template = new TemplateBuilder()
            .TeamAction("rag = 'red' and audits >= 3", "Discuss in the team meeting.")
            .TeamAction("compliance < target", "Below target.")
            .Build();
        var ruleSet = Compile(template);
        var red = ruleSet.TeamActionRules[0];
        var below = ruleSet.TeamActionRules[1];

        ruleSet.TeamActionMatches(red, new TeamCriterionFacts("Team A", "voice", 0.5, 0.8, Rag.Red, 4, 5)).ShouldBeTrue();
        ruleSet.TeamActionMatches(red, new TeamCriterionFacts("Team A", "voice", 0.5, 0.8, Rag.Red, 4, 2)).ShouldBeFalse();
        ruleSet.TeamActionMatches(red, new TeamCriterionFacts("Team A", "voice", null, 0.8, null, 0, 5)).ShouldBeFalse();
        ruleSet.TeamActionMatches(below, new TeamCriterionFacts("Team A", "voice", 0.79, 0.8, Rag.Amber, 4, 5)).ShouldBeTrue();
        ruleSet.TeamActionMatches(below, new TeamCriterionFacts("Team A", "voice", null, 0.8, null, 0, 5)).ShouldBeFalse();
    }

    [Fact]
    public void ServiceActionMatches_EvaluatesWhen()
    {
        var template = new TemplateBuilder().ServiceAction("red_teams >= 3 or (amber_teams > teams / 2)", "Workshop.").Build();
        var ruleSet = Compile(template);
        var rule = template.EffectiveRules.ServiceActions[0];

        ruleSet.ServiceActionMatches(rule, new ServiceCriterionFacts("voice", 0.6, 0.8, Rag.Red, 3, 0, 10)).ShouldBeTrue();
        ruleSet.ServiceActionMatches(rule, new ServiceCriterionFacts("voice", 0.6, 0.8, Rag.Red, 2, 5, 10)).ShouldBeFalse();
        ruleSet.ServiceActionMatches(rule, new ServiceCriterionFacts("voice", 0.6, 0.8, Rag.Red, 2, 6, 10)).ShouldBeTrue();
    }

    [Fact]
    public void TeamActionMatches_RuleFromElsewhere_Throws()
    {
        var ruleSet = Compile(new TemplateBuilder().TeamAction("true", "x").Build());
        var stranger = new TemplateBuilder().TeamAction("true", "x").Build().EffectiveRules.TeamActions[0];

        Should.Throw<ArgumentException>(() => ruleSet.TeamActionMatches(stranger, new TeamCriterionFacts("A", "c", 1, 1, Rag.Green, 1, 1)));
    }

    private static AuditTemplate OfstedTemplate() => new TemplateBuilder()
        .Criterion("a", critical: true)
        .Criterion("b")
        .Criterion("c")
        .Grade("Inadequate", "critical_not_met > 0")
        .Grade("Outstanding", "score >= 0.95")
        .Grade("Good", "score >= 0.90")
        .Grade("Requires improvement", "true")
        .Build();

    private static CompiledRuleSet Compile(AuditTemplate template)
    {
        var result = RuleSetCompiler.Compile(template, WeekendOnlyCalendar.Instance);
        result.Diagnostics.ShouldBeEmpty();
        return result.Value!;
    }

    private sealed class ThrowingCalendar : IWorkingDayCalendar
    {
        public bool IsWorkingDay(DateOnly date) => throw new InvalidOperationException("no calendar");

        public DateOnly AddWorkingDays(DateOnly start, int workingDays) => throw new InvalidOperationException("no calendar");

        public int WorkingDaysBetween(DateOnly from, DateOnly to) => throw new InvalidOperationException("no calendar");
    }
}
