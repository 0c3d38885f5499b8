using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Runs;

/// <summary>A run without a store (the files are the whole picture): moderation audits count in no figure and no action.</summary>
public sealed class ModerationRunTests
{
    private static readonly Lazy<CompiledRuleSet> Rules = new(() =>
        TemplateValidator.ValidateTemplate(RepoPaths.InRepo("templates", "quality-of-practice.yaml"), null, EnglandAndWalesCalendar.Default).Compiled
        ?? throw new InvalidOperationException("The bundled template does not compile."));

    private static IEnumerable<RawRecord> Csv(params string[] parts)
    {
        var lines = File.ReadAllLines(RepoPaths.InRepo(parts));
        return CsvSubmissionReader.Read(new StringReader(string.Join('\n', lines) + "\n"), parts[^1]);
    }

    private static IEnumerable<RawRecord> Samples() => Csv("samples", "audits", "quality-of-practice-2026-09-to-11.csv");

    private static IEnumerable<RawRecord> SampleModeration() => Csv("samples", "moderation", "quality-of-practice-moderation-2026-09-to-11.csv");

    private static RunReport Evaluate(IEnumerable<RawRecord> records) =>
        AuditRunner.Run(Rules.Value, records, new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, CollectCases: true));

    private static JsonElement Summary(RunReport report)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(report, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static string Figures(JsonElement root) =>
        string.Join("\n", new[] { "overall", "teams", "services", "periods", "actions", "rejected" }.Select(k => root.GetProperty(k).GetRawText()));

    [Fact]
    public void Run_WithModerationFile_FiguresGradesAndActionsAsWithout()
    {
        var without = Evaluate(Samples());
        var with = Evaluate(Samples().Concat(SampleModeration()));

        Figures(Summary(with)).ShouldBe(Figures(Summary(without)));
        with.Cases.Select(c => (c.AuditId, c.Grade, c.Score)).ShouldBe(without.Cases.Select(c => (c.AuditId, c.Grade, c.Score)));
        with.Moderation.Length.ShouldBe(15);
        with.Moderation.ShouldAllBe(m => m.Moderates != null && m.AuditId.StartsWith("MOD-"));
        with.Submissions.ShouldBe(new SubmissionCounts(without.Submissions.Read + 15, without.Submissions.Accepted + 15, without.Submissions.Rejected));
    }

    [Fact]
    public void Run_ModerationRead_SummaryCountsThemAndSaysNothingWithoutThem()
    {
        var with = Summary(Evaluate(Samples().Concat(SampleModeration())));
        var without = Summary(Evaluate(Samples()));

        var moderation = with.GetProperty("submissions").GetProperty("moderation");
        moderation.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ShouldBe([("read", 15), ("accepted", 15), ("rejected", 0)]);
        without.GetProperty("submissions").TryGetProperty("moderation", out _).ShouldBeFalse();
        without.TryGetProperty("moderation", out _).ShouldBeFalse();
    }

    [Fact]
    public void Run_ModerationBeforeItsFirstAudit_IsLinkedOnceTheBatchIsRead()
    {
        var report = Evaluate(SampleModeration().Concat(Samples()));

        report.Moderation.Length.ShouldBe(15);
        report.ModerationRead.ShouldBe(new SubmissionCounts(15, 15, 0));
    }

    [Fact]
    public void Run_ModerationWithoutItsFirstAudit_RejectedNamingTheRowAndTheFix()
    {
        var report = Evaluate(SampleModeration());

        report.Moderation.ShouldBeEmpty();
        report.Rejected.Length.ShouldBe(15);
        var first = report.Rejected[0];
        (first.Source, first.Row, first.AuditId).ShouldBe(("quality-of-practice-moderation-2026-09-to-11.csv", 2, "MOD-2026-09-00028"));
        first.Reasons.ShouldBe(["moderates: audit 'QA-2026-09-00028' is not among the audits accepted in this batch (and no store was used); check the audit_id, or send the first audit with this one"]);
        report.ModerationRead.ShouldBe(new SubmissionCounts(15, 0, 15));
    }

    [Fact]
    public void Check_ModerationOfAnAuditNotInTheFiles_IsNotAReasonWithoutAStore()
    {
        var report = AuditRunner.Check(Rules.Value.Template, SampleModeration());

        report.Rejected.ShouldBeEmpty();
        report.Submissions.Accepted.ShouldBe(15);
    }
}
