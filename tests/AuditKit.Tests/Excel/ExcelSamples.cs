using System.Collections.Immutable;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Excel;

/// <summary>A small template and run report built in code for the Excel tests.</summary>
internal static class ExcelSamples
{
    public const string FormulaTeam = "=HYPERLINK(\"http://example.test\",\"click\")";
    public const string PlusCaseRef = "+44 20 7946 0000";

    public static AuditTemplate Template()
    {
        var template = new TemplateBuilder()
            .WithId("quality-of-practice")
            .AppliesTo("CIN", "CP", "LAC")
            .Fact("child_age", FactType.Number)
            .Fact("visit_date", FactType.Date)
            .Fact("plan_signed", FactType.Bool)
            .Fact("placement", FactType.Choice, false, "Foster care", "Residential, in county", "Kinship")
            .Criterion("child_seen_alone", critical: true, target: 0.9, section: "Voice of the child")
            .Criterion("wishes_recorded", section: "Voice of the child", required: false)
            .Criterion("visit_in_time", section: "Timeliness", metWhen: "days_between(visit_date, audit_date) <= 10")
            .Criterion("oversight_recorded", section: "Management oversight", target: 0.8)
            .Grade("Inadequate", "critical_not_met > 0")
            .Grade("Good", "score >= 0.8")
            .Grade("Requires improvement", "true")
            .Build();
        const string Guidance = "Look for a record that the child was seen on their own, not only seen.";
        return template with
        {
            Criteria = [.. template.Criteria.Select(c => c.Id == "child_seen_alone" ? c with { Guidance = Guidance } : c)],
        };
    }

    public static RunReport Report(params CaseRow[] extraCases)
    {
        var template = Template();
        CaseRow[] cases =
        [
            Case("AUD-1", new DateOnly(2026, 10, 20), "C-100", "Team A", "Children in Need", "Good", "Good", 0.875, Outcome.Met, Outcome.Partly, Outcome.Met, Outcome.Met),
            Case("AUD-2", new DateOnly(2026, 11, 3), PlusCaseRef, FormulaTeam, null, "Good", "Inadequate", 0.5, Outcome.NotMet, Outcome.Missing, Outcome.Met, Outcome.NotApplicable),
            Case("AUD-3", new DateOnly(2026, 11, 5), "C-102", "Team A", "Children in Need", null, "Good", 1.0, Outcome.Met, Outcome.Met, Outcome.NotMet, Outcome.Met),
            .. extraCases,
        ];

        var teamA = Group("Team A", "Children in Need", 2, new() { ["Good"] = 2 }, new GradeAgreement(1, 1, []),
            Stat("child_seen_alone", new(2, 0, 0, 0, 0), 1.0, 0.34, 1.0, 0.9, Rag.Green),
            Stat("wishes_recorded", new(1, 1, 0, 0, 0), 0.75, 0.3, 0.95, 0.8, Rag.Amber),
            Stat("visit_in_time", new(1, 0, 1, 0, 0), 0.5, 0.09, 0.91, 0.8, Rag.Red),
            Stat("oversight_recorded", new(2, 0, 0, 0, 0), 1.0, 0.34, 1.0, 0.8, Rag.Green));
        var formulaTeam = Group(FormulaTeam, null, 1, new() { ["Inadequate"] = 1 },
            new GradeAgreement(1, 0, [new GradeDisagreement("AUD-2", PlusCaseRef, FormulaTeam, "Good", "Inadequate")]),
            Stat("child_seen_alone", new(0, 0, 1, 0, 0), 0.0, 0.0, 0.79, 0.9, Rag.Red),
            Stat("wishes_recorded", new(0, 0, 0, 0, 1), null, null, null, 0.8, null),
            Stat("visit_in_time", new(1, 0, 0, 0, 0), 1.0, 0.21, 1.0, 0.8, Rag.Green),
            Stat("oversight_recorded", new(0, 0, 0, 1, 0), null, null, null, 0.8, null));
        var overall = Group(null, null, 3, new() { ["Good"] = 2, ["Inadequate"] = 1 }, new GradeAgreement(2, 1, []),
            Stat("child_seen_alone", new(2, 0, 1, 0, 0), 2 / 3d, 0.21, 0.94, 0.9, Rag.Red),
            Stat("wishes_recorded", new(1, 1, 0, 0, 1), 0.75, 0.3, 0.95, 0.8, Rag.Amber),
            Stat("visit_in_time", new(2, 0, 1, 0, 0), 2 / 3d, 0.21, 0.94, 0.8, Rag.Red),
            Stat("oversight_recorded", new(2, 0, 0, 1, 0), 1.0, 0.34, 1.0, 0.8, Rag.Green));
        var october = Group("2026-10", null, 1, new() { ["Good"] = 1 }, new GradeAgreement(1, 1, []),
            Stat("child_seen_alone", new(1, 0, 0, 0, 0), 1.0, 0.21, 1.0, 0.9, Rag.Green));
        var november = Group("2026-11", null, 2, new() { ["Good"] = 1, ["Inadequate"] = 1 }, new GradeAgreement(1, 0, []),
            Stat("child_seen_alone", new(1, 0, 1, 0, 0), 0.5, 0.09, 0.91, 0.9, Rag.Red));

        var asOf = new DateOnly(2026, 11, 30);
        FollowUpAction[] actions =
        [
            new("A-00000000000100000000000000000000", ActionScope.Case, FormulaTeam, PlusCaseRef, "child_seen_alone", "Make sure the child is seen alone at the next visit and that this is recorded.",
                "practitioner", new DateOnly(2026, 11, 17), null, "quality-of-practice/criteria/child_seen_alone", AuditId: "AUD-2"),
            new("A-00000000000200000000000000000000", ActionScope.Case, FormulaTeam, PlusCaseRef, null, "Case to be reviewed by the team manager and re-audited.",
                "team_manager", new DateOnly(2026, 11, 10), "head_of_service", "ofsted-grading/case_actions/0", AuditId: "AUD-2"),
            new("A-00000000000300000000000000000000", ActionScope.Team, "Team A", null, "visit_in_time", "Discuss in the team meeting and re-audit this criterion within 3 months.",
                "Jo Bloggs", new DateOnly(2026, 12, 28), null, "ofsted-grading/team_actions/0", CompliancePercent: 0.5, Target: 0.8),
            new("A-00000000000400000000000000000000", ActionScope.Service, null, null, "child_seen_alone", "Service-wide practice workshop on this criterion.",
                "head_of_service", new DateOnly(2027, 1, 26), null, "ofsted-grading/service_actions/0", CompliancePercent: 2 / 3d, Target: 0.9),
        ];

        return new RunReport
        {
            Template = template,
            AsOf = asOf,
            Submissions = new SubmissionCounts(4, 3, 1),
            Compliance = new ComplianceSummary(overall, [teamA, formulaTeam], [], [october, november]),
            Actions = RunActions.From(actions),
            Rejected = [new RejectedRow("nov.csv", 7, "AUD-9", ["Unknown case type 'XYZ'.", "Audit date '31/02/2026' is not a date."])],
            DataQuality = new DataQualityReport(0.05, [new FieldQuality("practitioner", 1, 3), new FieldQuality("service", 0, 3)]),
            Cases = [.. cases],
        };
    }

    public static CaseRow Case(string id, DateOnly date, string caseRef, string team, string? service, string? auditorGrade, string? grade, double? score, params Outcome[] outcomes) =>
        new(id, date, "A Auditor", caseRef, "CP", team, service, "P Worker", auditorGrade, grade, score, [.. outcomes]);

    private static GroupSummary Group(string? name, string? service, int audits, Dictionary<string, int> grades, GradeAgreement agreement, params CriterionStat[] stats) =>
        new(name, service, audits, grades.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. stats], agreement);

    private static CriterionStat Stat(string id, OutcomeCounts counts, double? compliance, double? low, double? high, double target, Rag? rag) =>
        new(id, counts, compliance, low, high, target, rag);
}
