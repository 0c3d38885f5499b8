using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Cli.Commands;
using AuditKit.Compliance;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Store;
using AuditKit.Submissions;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Store;

/// <summary>
/// Moderation audits in the store: kept beside the audits they moderate, never a revision of them, and counted in no
/// figure, grade count or action, whether the run uses the store or not; run on SQLite and on a real PostgreSQL server.
/// </summary>
public abstract class ModerationStoreTests : SampleStoreTests
{
    private static string[] Samples() => File.ReadAllLines(RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv"));

    private static string[] Moderation() =>
        File.ReadAllLines(RepoPaths.InRepo("samples", "moderation", "quality-of-practice-moderation-2026-09-to-11.csv"));

    private static IEnumerable<RawRecord> Csv(string[] lines, string name) =>
        CsvSubmissionReader.Read(new StringReader(string.Join('\n', lines) + "\n"), name);

    private static RunReport Evaluate(IEnumerable<RawRecord> records, KnownAudits? known = null) =>
        AuditRunner.Run(Rules.Value, records, new RunOptions(AsOf, EnglandAndWalesCalendar.Default, CollectCases: true, KnownAudits: known));

    private static KnownAudits Known(IAuditStore store) =>
        new("the store", store.ModerationIds("quality-of-practice"), store.FindAudits);

    private static StoreRunResult Record(IAuditStore store, RunReport report) =>
        store.RecordRun(StoredRun.From(report, RecordedRun.Planning(report, Rules.Value, EnglandAndWalesCalendar.Default, null)));

    /// <summary>Every figure of summary.json: overall, teams, services, periods and actions.</summary>
    private static string Figures(RunReport report)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(report, stream);
        var root = JsonDocument.Parse(stream.ToArray()).RootElement;
        return string.Join("\n", new[] { "overall", "teams", "services", "periods", "actions" }.Select(k => root.GetProperty(k).GetRawText()));
    }

    private static List<string> Register(IAuditStore store) =>
        [.. store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), AsOf).Select(a => $"{a.Id} {a.Status} {a.Period} {a.Due:yyyy-MM-dd}")];

    private static ReportingPeriod P(string name) => ReportingPeriod.TryParse(name, out var p) ? p : throw new ArgumentException(name);

    private static RunReport ReportOf(IAuditStore store) =>
        ReportCommand.Build(Rules.Value.Template, AsOf, new ReportPeriods(P("2026-09"), P("2026-11")),
            store.ReadReport("quality-of-practice", P("2026-09"), P("2026-11"), [.. Rules.Value.Template.Criteria.Select(c => c.Id)]));

    [StoreFact]
    public void RecordRun_WithModeration_SameFiguresActionsAndReportAsWithout()
    {
        var plain = Open();
        var moderated = Open();
        Record(plain, Evaluate(Csv(Samples(), "audits.csv")));

        var result = Record(moderated, Evaluate(Csv(Samples(), "audits.csv").Concat(Csv(Moderation(), "moderation.csv"))));

        result.Added.ShouldBe(145 + 15);
        result.Periods.Sum(p => p.Audits).ShouldBe(145);
        Register(moderated).ShouldBe(Register(plain));
        Figures(ReportOf(moderated)).ShouldBe(Figures(ReportOf(plain)));
        AuditKit.Compliance.Trends.TrendJson.Write(moderated.Trend("quality-of-practice")).ShouldBe(AuditKit.Compliance.Trends.TrendJson.Write(plain.Trend("quality-of-practice")));
        moderated.ReadModeration("quality-of-practice", null, null, [.. Rules.Value.Template.Criteria.Select(c => c.Id)]).Count.ShouldBe(15);
        plain.ReadModeration("quality-of-practice", null, null, []).ShouldBeEmpty();
    }

    [StoreFact]
    public void RecordRun_ModerationLater_FirstAuditsStayAsTheyWereAndFiguresDoNotMove()
    {
        var store = Open();
        Record(store, Evaluate(Csv(Samples(), "audits.csv")));
        var register = Register(store);
        var figures = Figures(ReportOf(store));

        // The first audits are in the store only: the moderation file is checked against it.
        var report = Evaluate(Csv(Moderation(), "moderation.csv"), Known(store));
        report.Rejected.ShouldBeEmpty();
        var result = Record(store, report);

        (result.Added, result.Revised, result.Unchanged).ShouldBe((15, 0, 0));
        result.Periods.ShouldBeEmpty();
        Register(store).ShouldBe(register);
        Figures(ReportOf(store)).ShouldBe(figures);
        var (moderationId, firstId) = (Moderation()[1].Split(',')[0], Moderation()[1].Split(',')[1]);
        firstId.ShouldStartWith("QA-2026-09-");
        Sql(store).Revisions("quality-of-practice", firstId).Count.ShouldBe(1);
        Sql(store).Revisions("quality-of-practice", moderationId).Count.ShouldBe(1);

        var pairs = store.ReadModeration("quality-of-practice", P("2026-09"), P("2026-09"), [.. Rules.Value.Template.Criteria.Select(c => c.Id)]);
        pairs.Select(p => (p.First.AuditId, p.Moderation.AuditId)).ShouldContain((firstId, moderationId));
        pairs.ShouldAllBe(p => p.First.AuditDate.Month == 9 && p.Moderation.Moderates == p.First.AuditId && p.First.Moderates == null);
    }

    [StoreFact]
    public void Run_ModerationAgainstTheStore_RejectsWhatCannotBeAModerationWithItsReason()
    {
        var store = Open();
        var samples = Samples();
        Record(store, Evaluate(Csv(samples, "audits.csv")));
        Record(store, Evaluate(Csv(Moderation(), "moderation.csv"), Known(store)));
        var lines = Moderation();
        var header = lines[0].Split(',');
        string Row(string line, params (string Column, string Value)[] changes)
        {
            var cells = line.Split(',');
            foreach (var (column, value) in changes)
            {
                cells[Array.IndexOf(header, column)] = value;
            }

            return string.Join(',', cells);
        }

        var first = lines[1].Split(',');
        var (storedModeration, itsFirst) = (lines[2].Split(',')[0], lines[2].Split(',')[1]);
        var firstAuditor = samples.Single(l => l.StartsWith(first[1] + ",", StringComparison.Ordinal)).Split(',')[2];
        string[] batch =
        [
            lines[0],
            Row(lines[1], ("audit_id", "MOD-X1"), ("auditor", firstAuditor)),
            Row(lines[1], ("audit_id", "MOD-X2"), ("case_ref", "C-000001")),
            Row(lines[1], ("audit_id", "MOD-X3"), ("moderates", "QA-2099-01-00001")),
            Row(lines[1], ("audit_id", "MOD-X4"), ("moderates", storedModeration)),
            Row(lines[1], ("audit_id", "QA-2026-10-00002")),
            Row(lines[1], ("audit_id", "MOD-X6"), ("moderates", "MOD-X6")),
        ];
        var sampleHeader = samples[0];
        var resent = samples.Single(l => l.StartsWith(itsFirst + ",", StringComparison.Ordinal)).Replace(itsFirst + ",", storedModeration + ",", StringComparison.Ordinal);

        var report = Evaluate(Csv(batch, "late.csv").Concat(Csv([sampleHeader, resent], "resent.csv")), Known(store));

        var reasons = report.Rejected.ToDictionary(r => r.AuditId!, r => string.Join(" | ", r.Reasons));
        reasons.Keys.Order(StringComparer.Ordinal).ShouldBe([storedModeration, "MOD-X1", "MOD-X2", "MOD-X3", "MOD-X4", "MOD-X6", "QA-2026-10-00002"]);
        reasons["MOD-X1"].ShouldBe($"moderates: audit '{first[1]}' (the store) was done by the same auditor; a moderation audit is done by another, independent auditor, so correct auditor or moderates");
        reasons["MOD-X2"].ShouldBe($"moderates: audit '{first[1]}' (the store) is of another case: its case_ref differs from this row's; a moderation audit is of the same case as the audit it moderates, so correct case_ref or moderates");
        reasons["MOD-X3"].ShouldBe("moderates: audit 'QA-2099-01-00001' is neither among the audits accepted in this batch nor in the store; check the audit_id, or send the first audit with this one");
        reasons["MOD-X4"].ShouldBe($"moderates: audit '{storedModeration}' (the store) is itself a moderation audit; put the audit_id of the first audit in moderates");
        reasons["QA-2026-10-00002"].ShouldStartWith("audit_id: 'QA-2026-10-00002' is recorded in the store as a first audit; a moderation audit never replaces the audit it moderates");
        reasons["MOD-X6"].ShouldStartWith("moderates: 'MOD-X6' is this row's own audit_id");
        reasons[storedModeration].ShouldStartWith($"moderates: audit_id '{storedModeration}' is recorded in the store as a moderation audit, but this row has no moderates value");
        report.ModerationRead.ShouldBe(new SubmissionCounts(6, 0, 6));
        report.Cases.ShouldBeEmpty();
    }

    private static SqlAuditStore Sql(IAuditStore store) => store is GuardedAuditStore guarded ? guarded.Inner : (SqlAuditStore)store;
}

/// <summary><see cref="ModerationStoreTests"/> on SQLite files.</summary>
public sealed class SqliteModerationStoreTests : ModerationStoreTests
{
    private readonly SqliteStoreFiles _files = new("auditkit-moderation-");

    protected override IAuditStore NewStore() => _files.NewStore();

    public override void Dispose()
    {
        base.Dispose();
        _files.Dispose();
    }
}

/// <summary><see cref="ModerationStoreTests"/> on databases of a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresModerationStoreTests(PostgresServer server) : ModerationStoreTests
{
    protected override IAuditStore NewStore() => AuditStore.OpenPostgres(server.CreateDatabase());
}
