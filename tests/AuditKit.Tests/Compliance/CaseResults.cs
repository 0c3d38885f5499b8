using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Evaluation;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Tests.Compliance;

/// <summary>Case results built directly from outcomes, for tests of the stages after evaluation.</summary>
internal static class CaseResults
{
    public static CaseResult Create(
        AuditTemplate template,
        string auditId,
        string team,
        ImmutableArray<Outcome> outcomes,
        string? service = null,
        DateOnly? date = null,
        string? grade = null,
        string? overallGrade = null,
        string? caseRef = null)
    {
        var counts = outcomes.Aggregate(default(OutcomeCounts), (c, o) => c.Add(o));
        return new CaseResult
        {
            Submission = new Submission
            {
                AuditId = auditId,
                AuditDate = date ?? new DateOnly(2026, 11, 3),
                Auditor = "Auditor One",
                CaseRef = caseRef ?? "C-" + auditId,
                CaseType = "CP",
                Team = team,
                Service = service,
                OverallGrade = overallGrade,
                Answers = [.. template.Criteria.Select(_ => (string?)null)],
                Comments = [.. template.Criteria.Select(_ => (string?)null)],
                Facts = [.. template.Facts.Select(_ => default(AuditKit.Expressions.Value))],
                Source = new RowRef("test.csv", 2),
            },
            Outcomes = outcomes,
            Counts = counts,
            Score = counts.Compliance(template.Scoring.PartlyWeight),
            Grade = grade,
            Actions = [],
        };
    }

    /// <summary>Reads a CSV of audit_id, audit_date, team, service, grade, overall_grade, then one outcome column per criterion.</summary>
    public static IEnumerable<CaseResult> ReadCsv(AuditTemplate template, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Compliance", fileName);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var outcomes = cells.Skip(6).Select(text => OutcomeNames.TryParse(text, out var o) ? o : throw new FormatException(text));
            yield return Create(
                template,
                cells[0],
                cells[2],
                [.. outcomes],
                service: Blank(cells[3]),
                date: DateOnly.ParseExact(cells[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                grade: Blank(cells[4]),
                overallGrade: Blank(cells[5]));
        }
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
