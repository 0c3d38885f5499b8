using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Cli.Commands;
using AuditKit.Compliance;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Store;
using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Store;

/// <summary>
/// The store as the record the figures come from: team and service actions planned per period from every current
/// audit of the period, whatever runs recorded them; run on SQLite and on a real PostgreSQL server.
/// </summary>
public abstract class PeriodPlanningTests : SampleStoreTests
{
    /// <summary>The bundled sample's header and its November rows.</summary>
    private static (string Header, List<string> Rows) November()
    {
        var lines = File.ReadAllLines(RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv"));
        return (lines[0], [.. lines.Skip(1).Where(l => l.Split(',')[1].StartsWith("2026-11", StringComparison.Ordinal))]);
    }

    private static RunReport Evaluate(string header, IEnumerable<string> rows) =>
        AuditRunner.Run(
            Rules.Value,
            CsvSubmissionReader.Read(new StringReader(string.Join('\n', [header, .. rows]) + "\n"), "audits.csv"),
            new RunOptions(AsOf, EnglandAndWalesCalendar.Default, CollectCases: true));

    private static StoreRunResult Record(IAuditStore store, RunReport report) =>
        store.RecordRun(StoredRun.From(report, RecordedRun.Planning(report, Rules.Value, EnglandAndWalesCalendar.Default, null)));

    private static List<string> OpenTeamAndService(IAuditStore store) =>
        [.. store.ListActions(ActionFilter.Default, AsOf)
            .Where(a => a.Scope != ActionScope.Case)
            .Select(a => $"{a.Id} {a.Period} {a.Due:yyyy-MM-dd} {a.Owner} {a.Action}")
            .Order(StringComparer.Ordinal)];

    private static string Figures(RunReport report)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(report, stream);
        var root = JsonDocument.Parse(stream.ToArray()).RootElement;
        return string.Join("\n", new[] { "overall", "teams", "services", "periods" }.Select(k => root.GetProperty(k).GetRawText()));
    }

    [StoreFact]
    public void RecordRun_MonthInTwoHalves_SameFiguresAndTeamAndServiceActionsAsAllAtOnce()
    {
        var (header, rows) = November();
        var atOnce = Open();
        var inHalves = Open();

        Record(atOnce, Evaluate(header, rows));
        var first = Record(inHalves, Evaluate(header, rows.Take(rows.Count / 2)));
        var second = Record(inHalves, Evaluate(header, rows.Skip(rows.Count / 2)));

        var expected = OpenTeamAndService(atOnce);
        expected.ShouldNotBeEmpty();
        OpenTeamAndService(inHalves).ShouldBe(expected);
        first.Periods.Select(p => p.Period).ShouldBe(["2026-11"]);
        second.Periods.Single().Audits.ShouldBe(atOnce.ReadReport("quality-of-practice", P("2026-11"), P("2026-11"), Criteria()).Cases.Count);

        // What the first half alone called for and the whole month does not is superseded, with the reason.
        var superseded = inHalves.ListActions(new ActionFilter(Status: ActionStatusFilter.Superseded), AsOf);
        superseded.Count.ShouldBe(second.ActionsSuperseded);
        superseded.ShouldAllBe(a => a.Scope != ActionScope.Case && a.Period == "2026-11");
        if (superseded.Count > 0)
        {
            inHalves.ActionHistory(superseded[0].Id).Last().Note!.ShouldContain("the figures of 2026-11");
        }

        Figures(ReportOf(inHalves)).ShouldBe(Figures(ReportOf(atOnce)));
    }

    [StoreFact]
    public void RecordRun_CorrectedAuditAlone_RaisesNoTeamActionOfItsOwnAndSupersedesItsOldCaseActions()
    {
        var (header, rows) = November();
        var store = Open();
        Record(store, Evaluate(header, rows));

        // An audit whose case actions include one a fully met audit would not raise: every answer "No" made "Yes".
        var index = rows.FindIndex(r => r.Contains(",No,", StringComparison.Ordinal));
        var corrected = rows[index].Replace(",No,", ",Yes,", StringComparison.Ordinal).Replace(",Partly,", ",Yes,", StringComparison.Ordinal);
        var auditId = corrected.Split(',')[0];
        var before = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), AsOf).Where(a => a.AuditId == auditId).ToList();
        var correctedReport = Evaluate(header, [corrected]);
        var raisedAgain = correctedReport.Actions.Cases.ToFollowUpActions().Select(a => a.Id).ToHashSet();

        var result = Record(store, correctedReport);

        result.Revised.ShouldBe(1);
        var expected = Open();
        Record(expected, Evaluate(header, rows.Select((r, i) => i == index ? corrected : r)));
        OpenTeamAndService(store).ShouldBe(OpenTeamAndService(expected));
        var after = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), AsOf).Where(a => a.AuditId == auditId).ToDictionary(a => a.Id);
        var dropped = before.Where(a => !raisedAgain.Contains(a.Id)).ToList();
        dropped.ShouldNotBeEmpty();
        dropped.ShouldAllBe(a => after[a.Id].Status == ActionStatus.Superseded);
        store.ActionHistory(dropped[0].Id).Last().Note.ShouldBe($"revision 2 of audit {auditId} no longer raises it");
        before.Where(a => raisedAgain.Contains(a.Id)).ShouldAllBe(a => after[a.Id].Status == ActionStatus.Open);
    }

    [StoreFact]
    public void RecordRun_SameInputTwice_ChangesNothing()
    {
        var (header, rows) = November();
        var store = Open();
        Record(store, Evaluate(header, rows));
        var register = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), AsOf);

        var again = Record(store, Evaluate(header, rows));

        (again.Added, again.Revised, again.ActionsAdded, again.ActionsRefreshed, again.ActionsSuperseded).ShouldBe((0, 0, 0, 0, 0));
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), AsOf).ShouldBe(register);
    }

    [StoreFact]
    public void ReadReport_SameAudits_SameFiguresAsTheRunOfTheirFiles()
    {
        var lines = File.ReadAllLines(RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv"));
        var store = Open();
        var report = Evaluate(lines[0], lines.Skip(1));
        Record(store, report);

        var fromStore = ReportOf(store, "2026-09", "2026-11");

        Figures(fromStore).ShouldBe(Figures(report));
        fromStore.Submissions.Accepted.ShouldBe(report.Submissions.Accepted);
    }

    private static ReportingPeriod P(string name) => ReportingPeriod.TryParse(name, out var p) ? p : throw new ArgumentException(name);

    private static string[] Criteria() => [.. Rules.Value.Template.Criteria.Select(c => c.Id)];

    private static RunReport ReportOf(IAuditStore store, string from = "2026-11", string to = "2026-11") =>
        ReportCommand.Build(Rules.Value.Template, AsOf, new ReportPeriods(P(from), P(to)), store.ReadReport("quality-of-practice", P(from), P(to), Criteria()));
}

/// <summary><see cref="PeriodPlanningTests"/> on SQLite files.</summary>
public sealed class SqlitePeriodPlanningTests : PeriodPlanningTests
{
    private readonly SqliteStoreFiles _files = new("auditkit-periods-");

    protected override IAuditStore NewStore() => _files.NewStore();

    public override void Dispose()
    {
        base.Dispose();
        _files.Dispose();
    }
}

/// <summary><see cref="PeriodPlanningTests"/> on databases of a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPeriodPlanningTests(PostgresServer server) : PeriodPlanningTests
{
    protected override IAuditStore NewStore() => AuditStore.OpenPostgres(server.CreateDatabase());
}
