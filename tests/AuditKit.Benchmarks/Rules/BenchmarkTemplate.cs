using System.Collections.Immutable;
using AuditKit.Expressions;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Benchmarks.Rules;

/// <summary>A realistic 15-criterion quality of practice template and one completed audit, built in code.</summary>
internal static class BenchmarkTemplate
{
    public static AuditTemplate Create()
    {
        var criteria = ImmutableArray.CreateBuilder<CriterionDefinition>();
        void Add(string id, string section, bool critical = false, string? applies = null, string? met = null, string? partly = null, CriterionAction? action = null) =>
            criteria.Add(new CriterionDefinition
            {
                Id = id,
                Section = section,
                Text = $"Criterion {id}.",
                Critical = critical,
                Target = critical ? 0.9 : 0.8,
                AppliesWhen = Expr(applies),
                MetWhen = Expr(met),
                PartlyWhen = Expr(partly),
                Action = action,
            });

        var seenAlone = new CriterionAction
        {
            On = [Outcome.NotMet],
            Text = "Make sure the child is seen alone at the next visit and that this is recorded ({case_ref}).",
            Owner = Role.Practitioner,
            DueInWorkingDays = 10,
        };
        Add("child_seen_alone", "Voice of the child", critical: true, applies: "child_age >= 4 or is_blank(child_age)", met: "answer = 'Yes'", partly: "answer = 'Partly'", action: seenAlone);
        Add("wishes_and_feelings", "Voice of the child", met: "answer in ['Yes', 'Partly'] and child_age >= 2", partly: "answer = 'Partly'");
        Add("visit_in_timescale", "Timeliness", critical: true, met: "working_days_between(referral_date, first_visit_date) <= 10");
        Add("assessment_in_timescale", "Timeliness", met: "working_days_between(assessment_start, assessment_end) <= 45", partly: "working_days_between(assessment_start, assessment_end) <= 55");
        Add("strategy_discussion", "Timeliness", applies: "case_type = 'CP'", met: "strategy_held = true");
        Add("risk_factors", "Risk and protective factors");
        Add("protective_factors", "Risk and protective factors");
        Add("plan_smart", "Planning", applies: "case_type in ['CP', 'CIN']");
        Add("core_group", "Planning", applies: "case_type = 'CP'", met: "answer = 'Yes' and days_between(assessment_end, audit_date) >= 0");
        Add("family_views", "Voice of the child");
        Add("partner_agencies", "Multi-agency working");
        Add("management_oversight", "Management oversight", critical: true);
        Add("supervision_recorded", "Management oversight", met: "answer = 'Yes' or contains(lower(coalesce(plan_type, '')), 'supervised')");
        Add("chronology", "Recording");
        Add("case_summary", "Recording", met: "answer = 'Yes' and coalesce(first_visit_date, audit_date) <= audit_date");

        FactDefinition Fact(string id, FactType type) => new() { Id = id, Type = type };
        return new AuditTemplate
        {
            Id = "quality-of-practice",
            Version = 3,
            Title = "Monthly quality of practice audit",
            AppliesTo = ["CIN", "CP", "LAC"],
            RuleSetIds = [],
            Scoring = ScoringOptions.Default,
            Facts =
            [
                Fact("child_age", FactType.Number),
                Fact("referral_date", FactType.Date),
                Fact("first_visit_date", FactType.Date),
                Fact("assessment_start", FactType.Date),
                Fact("assessment_end", FactType.Date),
                Fact("strategy_held", FactType.Bool),
                Fact("plan_type", FactType.Choice),
            ],
            Criteria = criteria.ToImmutable(),
            OwnRules = new RuleBook(
                [
                    new GradingRule("Inadequate", Expr("critical_not_met > 0")!, "quality-of-practice", default),
                    new GradingRule("Outstanding", Expr("score >= 0.95")!, "quality-of-practice", default),
                    new GradingRule("Good", Expr("score >= 0.80")!, "quality-of-practice", default),
                    new GradingRule("Requires improvement", Expr("true")!, "quality-of-practice", default),
                ],
                [
                    new ActionRule(ActionScope.Case, Expr("grade = 'Inadequate'")!, "Case to be reviewed by the team manager and re-audited.", Role.TeamManager, 5, Role.HeadOfService, "quality-of-practice", "quality-of-practice/case_actions/0", default),
                    new ActionRule(ActionScope.Case, Expr("missing > 2")!, "Complete the audit.", Role.Auditor, 5, null, "quality-of-practice", "quality-of-practice/case_actions/1", default),
                ],
                [new ActionRule(ActionScope.Team, Expr("rag = 'Red'")!, "Discuss in the team meeting.", Role.TeamManager, 20, null, "quality-of-practice", "quality-of-practice/team_actions/0", default)],
                [new ActionRule(ActionScope.Service, Expr("red_teams >= 3")!, "Service-wide workshop.", Role.HeadOfService, 40, null, "quality-of-practice", "quality-of-practice/service_actions/0", default)]),
            RuleSets = [],
            SourcePath = "quality-of-practice.yaml",
            SourceHash = "0",
        };
    }

    public static Submission Submission(AuditTemplate template)
    {
        string?[] answers = ["Yes", "Partly", null, null, null, "Yes", "No", "Yes", "Yes", "Partly", "Yes", "Yes", "No", "Yes", "Yes"];
        return new Submission
        {
            AuditId = "AUD-1",
            AuditDate = new DateOnly(2026, 11, 3),
            Auditor = "Auditor",
            CaseRef = "C-1",
            CaseType = "CP",
            Team = "Team A",
            Service = "Safeguarding",
            Answers = [.. answers],
            Comments = [.. answers.Select(_ => (string?)null)],
            Facts =
            [
                Value.FromNumber(9),
                Value.FromDate(new DateOnly(2026, 9, 1)),
                Value.FromDate(new DateOnly(2026, 9, 10)),
                Value.FromDate(new DateOnly(2026, 9, 2)),
                Value.FromDate(new DateOnly(2026, 10, 20)),
                Value.True,
                Value.FromText("Supervised contact"),
            ],
            Source = new RowRef("bench.csv", 2),
        };
    }

    private static ExpressionSource? Expr(string? text) => text is null ? null : ExpressionSource.Inline(text);
}
