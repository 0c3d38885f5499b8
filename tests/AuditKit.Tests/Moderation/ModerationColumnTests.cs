using System.Text;
using AuditKit.Excel;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Tests.Submissions;
using OfficeOpenXml;

namespace AuditKit.Tests.Moderation;

/// <summary>The <c>moderates</c> column in each kind of file, and the reasons a moderation audit of the batch is rejected.</summary>
public sealed class ModerationColumnTests
{
    private static readonly string[] Header =
        ["audit_id", "moderates", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded"];

    private static readonly string[][] Rows =
    [
        ["A-1", "", "2026-11-03", "Sam Patel", "C-100", "CP", "Team A", "Yes", "Yes"],
        ["M-1", "A-1", "2026-11-05", "Priya Ashdown", "C-100", "CP", "Team A", "No", "Yes"],
    ];

    private static List<Submission> Accepted(IEnumerable<RawRecord> records)
    {
        var validator = new SubmissionValidator(SubmissionTestData.Template());
        return [.. records.Select(validator.Validate).Where(v => v.IsAccepted).Select(v => v.Submission!)];
    }

    [Fact]
    public void Csv_ModeratesColumn_ReadIntoTheSubmission()
    {
        var text = string.Join('\n', [string.Join(',', Header), .. Rows.Select(r => string.Join(',', r))]) + "\n";

        var accepted = Accepted(CsvSubmissionReader.Read(new StringReader(text), "audits.csv"));

        accepted.Select(s => (s.AuditId, s.Moderates)).ShouldBe([("A-1", null), ("M-1", "A-1")]);
    }

    [Fact]
    public void Json_ModeratesKey_ReadIntoTheSubmission()
    {
        var items = Rows.Select(r => "{" + string.Join(", ", Header.Select((h, i) => $"\"{h}\": {(r[i].Length == 0 ? "null" : $"\"{r[i]}\"")}")) + "}");
        var json = "[" + string.Join(",\n", items) + "]";

        var accepted = Accepted(JsonSubmissionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "audits.json"));

        accepted.Select(s => (s.AuditId, s.Moderates)).ShouldBe([("A-1", null), ("M-1", "A-1")]);
    }

    [Fact]
    public void Xlsx_ModeratesColumn_ReadIntoTheSubmission()
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("Audits");
        sheet.Cells[1, 1, 3, Header.Length].LoadFromArrays([Header.Cast<object>().ToArray(), .. Rows.Select(r => r.Select(c => c.Length == 0 ? null : (object)c).ToArray())]);

        var accepted = Accepted(XlsxSubmissionReader.Read(new MemoryStream(package.GetAsByteArray()), "audits.xlsx"));

        accepted.Select(s => (s.AuditId, s.Moderates)).ShouldBe([("A-1", null), ("M-1", "A-1")]);
    }

    [Fact]
    public void Check_ModerationsOfTheBatch_RejectedWithWhichRowWhatAndHowToFix()
    {
        string[][] rows =
        [
            ["A-1", "", "2026-11-03", "Sam Patel", "C-100", "CP", "Team A", "Yes", "Yes"],
            ["M-1", "A-1", "2026-11-05", "sam  patel", "C-100", "CP", "Team A", "No", "Yes"],
            ["M-2", "A-1", "2026-11-05", "Priya Ashdown", "C-999", "CP", "Team A", "No", "Yes"],
            ["M-3", "M-4", "2026-11-05", "Priya Ashdown", "C-100", "CP", "Team A", "No", "Yes"],
            ["M-4", "A-1", "2026-11-05", "Priya Ashdown", "c-100", "CP", "Team A", "No", "Yes"],
            ["M-5", "m-5", "2026-11-05", "Priya Ashdown", "C-100", "CP", "Team A", "No", "Yes"],
        ];
        var text = string.Join('\n', [string.Join(',', Header), .. rows.Select(r => string.Join(',', r))]) + "\n";

        var report = AuditRunner.Check(SubmissionTestData.Template(), CsvSubmissionReader.Read(new StringReader(text), "moderation.csv"));

        var reasons = report.Rejected.Select(r => $"{r.Source} row {r.Row} ({r.AuditId}): {string.Join(" | ", r.Reasons)}").ToList();
        reasons.ShouldBe(
        [
            "moderation.csv row 3 (M-1): moderates: audit 'A-1' (moderation.csv row 2) was done by the same auditor; a moderation audit is done by another, independent auditor, so correct auditor or moderates",
            "moderation.csv row 4 (M-2): moderates: audit 'A-1' (moderation.csv row 2) is of another case: its case_ref differs from this row's; a moderation audit is of the same case as the audit it moderates, so correct case_ref or moderates",
            "moderation.csv row 5 (M-3): moderates: audit 'M-4' (moderation.csv row 6) is itself a moderation audit; put the audit_id of the first audit in moderates",
            "moderation.csv row 7 (M-5): moderates: 'M-5' is this row's own audit_id; put the audit_id of the first audit (the one being moderated) in moderates, and give the moderation audit an audit_id of its own",
        ]);
        report.Submissions.Accepted.ShouldBe(2);
    }
}
