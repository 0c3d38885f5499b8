using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Benchmarks.Excel;

/// <summary>A run report the size of a large service's year of audits, built in code with a fixed seed.</summary>
public static class WorkbookBenchmarkData
{
    public static RunReport Create(int audits = 10_000, int criteria = 20, int teams = 12)
    {
        var random = new Random(20261130);
        var criterionDefinitions = Enumerable.Range(1, criteria)
            .Select(i => new CriterionDefinition
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"criterion_{i:00}"),
                Section = string.Create(CultureInfo.InvariantCulture, $"Section {1 + ((i - 1) / 5)}"),
                Text = string.Create(CultureInfo.InvariantCulture, $"Practice standard {i} is met and recorded on the case file."),
                Critical = i <= 2,
                Target = i <= 2 ? 0.9 : 0.8,
            })
            .ToImmutableArray();
        var template = new AuditTemplate
        {
            Id = "quality-of-practice",
            Version = 3,
            Title = "Monthly quality of practice audit",
            AppliesTo = ["CIN", "CP", "LAC"],
            RuleSetIds = [],
            Scoring = ScoringOptions.Default,
            Facts = [],
            Criteria = criterionDefinitions,
            OwnRules = RuleBook.Empty,
            RuleSets = [],
            SourcePath = "templates/quality-of-practice.yaml",
            SourceHash = "benchmark",
        };

        var teamNames = Enumerable.Range(1, teams).Select(i => string.Create(CultureInfo.InvariantCulture, $"Team {i:00}")).ToArray();
        string[] grades = ["Outstanding", "Good", "Requires improvement", "Inadequate"];
        var cases = new CaseRow[audits];
        var actions = new List<FollowUpAction>();
        for (var n = 0; n < audits; n++)
        {
            var outcomes = new Outcome[criteria];
            for (var i = 0; i < criteria; i++)
            {
                outcomes[i] = (Outcome)random.Next(0, 5);
            }

            var team = teamNames[n % teams];
            var id = string.Create(CultureInfo.InvariantCulture, $"AUD-{n:000000}");
            var caseRef = string.Create(CultureInfo.InvariantCulture, $"C-{100000 + n}");
            var date = new DateOnly(2026, 1, 1).AddDays(n % 330);
            cases[n] = new CaseRow(id, date, "A Auditor", caseRef, "CP", team, "Children in Need", "P Worker",
                grades[random.Next(grades.Length)], grades[random.Next(grades.Length)], random.NextDouble(), [.. outcomes]);
            if (outcomes[0] == Outcome.NotMet)
            {
                actions.Add(new FollowUpAction(ActionId.Create(template.Id, "criteria/criterion_01", team, id, "criterion_01").ToString(), ActionScope.Case, team, caseRef,
                    "criterion_01", "Make sure the child is seen alone at the next visit and that this is recorded.", "practitioner", date.AddDays(14), null,
                    "quality-of-practice/criteria/criterion_01", AuditId: id));
            }
        }

        GroupSummary Group(string? name, IEnumerable<CaseRow> rows)
        {
            var list = rows.ToList();
            var stats = criterionDefinitions.Select((c, i) =>
            {
                var counts = list.Aggregate(default(OutcomeCounts), (sum, row) => sum.Add(row.Outcomes[i]));
                var compliance = counts.Compliance(0.5);
                return new CriterionStat(c.Id, counts, compliance, compliance * 0.9, compliance is null ? null : Math.Min(1, compliance.Value * 1.1),
                    c.Target, RagRating.Rate(compliance, c.Target, 0.1));
            });
            var gradeCounts = list.Where(r => r.Grade is not null).GroupBy(r => r.Grade!).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var compared = list.Count(r => r.AuditorGrade is not null && r.Grade is not null);
            var agreed = list.Count(r => r.AuditorGrade is not null && r.AuditorGrade == r.Grade);
            return new GroupSummary(name, name is null ? null : "Children in Need", list.Count, gradeCounts, [.. stats], new GradeAgreement(compared, agreed, []));
        }

        var summary = new ComplianceSummary(
            Group(null, cases),
            [.. teamNames.Select(t => Group(t, cases.Where(c => c.Team == t)))],
            [],
            [.. cases.GroupBy(c => c.AuditDate.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g))]);

        foreach (var team in summary.Teams)
        {
            foreach (var stat in team.Criteria.Where(s => s.Rag == Rag.Red))
            {
                actions.Add(new FollowUpAction(ActionId.Create(template.Id, "team_actions/0", team.Name, null, stat.Id).ToString(), ActionScope.Team, team.Name, null, stat.Id,
                    "Discuss in the team meeting and re-audit this criterion within 3 months.", "team_manager", new DateOnly(2026, 12, 28), null,
                    "quality-of-practice/team_actions/0", CompliancePercent: stat.Compliance, Target: stat.Target));
            }
        }

        return new RunReport
        {
            Template = template,
            AsOf = new DateOnly(2026, 11, 30),
            Submissions = new SubmissionCounts(audits, audits, 0),
            Compliance = summary,
            Actions = RunActions.From(actions),
            Rejected = [],
            DataQuality = new DataQualityReport(DataQualityReport.DefaultThreshold, [new FieldQuality("practitioner", 0, audits)]),
            Cases = [.. cases],
        };
    }
}
