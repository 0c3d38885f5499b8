using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Compliance;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>
/// Writes compliance.xlsx for heads of service: the team x criterion matrix against targets, statistics by
/// criterion, team and month, every case, the follow-up actions in the shape of an action plan, data quality
/// and the rejected rows. Compliance is a real number shown as a percentage; RAG is shown by colour and word.
/// A team pack (<see cref="RunReport.Scope"/> set) heads the all-teams and service figures as benchmarks, and its By
/// criterion sheet is the team's.
/// </summary>
public sealed partial class ComplianceWorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string ByCriterionSheet = "By criterion";
    public const string ByTeamSheet = "By team";
    public const string ByMonthSheet = "By month";
    public const string CasesSheet = "Cases";
    public const string ActionsSheet = "Actions";
    public const string DataQualitySheet = "Data quality";
    public const string RejectedSheet = "Rejected";
    public const string ProgrammeSheet = "Programme";
    public const string AboutSheet = "About";
    public const string ModerationSheet = "Moderation";

    private const string AllTeams = "All teams";
    private const string Author = "AuditKit";

    /// <summary>Criterion columns: wide enough for "100.0% Green" and for the criterion's words to wrap readably above it.</summary>
    private const double CriterionWidth = 16;

    /// <summary>
    /// Above this many accepted audits the Cases sheets are left out (EPPlus builds the whole workbook in memory, about
    /// a kilobyte per row): the About sheet and the console say so; summary.json and the store still have every case.
    /// </summary>
    public const int MaxCaseRows = 250_000;

    /// <summary>The Actions sheet holds at most this many rows (Excel's limit less the headings): every team and service action, then case actions in order until full.</summary>
    public const int MaxActionRows = ExcelLook.MaxRow - 1;

    private readonly int _maxSheetRows;

    public ComplianceWorkbookWriter()
        : this(ExcelLook.MaxRow)
    {
    }

    /// <param name="maxSheetRows">Rows per sheet, headings included, before Cases continues on a new sheet.</param>
    internal ComplianceWorkbookWriter(int maxSheetRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSheetRows, 2);
        _maxSheetRows = maxSheetRows;
    }

    public void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var package = new ExcelPackage();
        var book = package.Workbook;
        var print = new PrintTitle(CellText.Clean(report.Template.Title), "As of " + report.AsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        WriteSummary(book.Worksheets.Add(SummarySheet), report, print);
        WriteByCriterion(book.Worksheets.Add(ByCriterionSheet), report, print);
        WriteGroups(book.Worksheets.Add(ByTeamSheet), report, byMonth: false, print);
        WriteGroups(book.Worksheets.Add(ByMonthSheet), report, byMonth: true, print);
        if (report.Cases.Length <= MaxCaseRows)
        {
            foreach (var part in SplitRows(report.Cases.Length, _maxSheetRows))
            {
                WriteCases(book.Worksheets.Add(part.Name), report, part.Skip, part.Take, print);
            }
        }

        // Only for a report whose periods have moderation pairs, so that other workbooks keep their sheets.
        if (report.Agreement is { } agreement)
        {
            WriteModeration(book.Worksheets.Add(ModerationSheet), report.Template, agreement, print);
        }

        WriteActions(book.Worksheets.Add(ActionsSheet), report, print);
        WriteDataQuality(book.Worksheets.Add(DataQualitySheet), report, print);
        WriteRejected(book.Worksheets.Add(RejectedSheet), report, print);
        if (report.Programme is { } programme)
        {
            WriteProgramme(book.Worksheets.Add(ProgrammeSheet), programme, print);
        }

        WriteAbout(book.Worksheets.Add(AboutSheet), report, print);

        // Dated by the run's as-of date, not the clock, so the same run gives the same workbook content.
        var asOf = SheetTable.Date(report.AsOf);
        book.Properties.Created = asOf;
        book.Properties.Modified = asOf;
        book.Properties.Title = CellText.Clean(report.Template.Title) + " - compliance";
        book.Properties.Author = Author;
        package.SaveAs(output);
    }

    /// <summary>What the workbook of <paramref name="report"/> leaves out because of its size, one sentence each; empty when nothing.</summary>
    public static IReadOnlyList<string> Omissions(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var notes = new List<string>();
        if (report.Cases.Length > MaxCaseRows)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The Cases sheet is left out: {report.Cases.Length:N0} audits are more than the {MaxCaseRows:N0} a workbook holds here; summary.json has every case."));
        }

        if (report.Actions.Count > MaxActionRows)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The Actions sheet shows {MaxActionRows:N0} of {report.Actions.Count:N0} actions (every team and service action, then case actions in order): Excel holds no more rows; summary.json has every action."));
        }

        return notes;
    }

    /// <summary>The actions the Actions sheet shows: all of them, or when over the row limit every team and service action and the first case actions.</summary>
    private static IEnumerable<FollowUpAction> SheetActions(RunReport report)
    {
        var actions = report.Actions;
        var caseRows = Math.Max(0, MaxActionRows - actions.TeamAndService.Length);
        return actions.Cases.ToFollowUpActions().Take(caseRows).Concat(actions.TeamAndService.Take(MaxActionRows));
    }

    /// <summary>How many rows go on each Cases sheet: "Cases", then "Cases (2)", "Cases (3)"...; always at least one sheet.</summary>
    internal static IReadOnlyList<(string Name, int Skip, int Take)> SplitRows(int rows, int maxSheetRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSheetRows, 2);
        var perSheet = maxSheetRows - 1;
        var parts = new List<(string, int, int)>();
        var skip = 0;
        do
        {
            var take = Math.Min(perSheet, rows - skip);
            var name = parts.Count == 0 ? CasesSheet : string.Create(CultureInfo.InvariantCulture, $"{CasesSheet} ({parts.Count + 1})");
            parts.Add((name, skip, take));
            skip += take;
        }
        while (skip < rows);

        return parts;
    }

    /// <summary>
    /// Criteria down the side, then for all teams and for each team (its service above it) a compliance and an n
    /// column under the team's name: reads like the console and HTML tables. A line on the left of each team's pair of
    /// columns, and n set against its own compliance figure, keep each n with its team.
    /// </summary>
    private static void WriteSummary(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        const int ServiceRow = 1;
        const int TeamRow = 2;
        const int HeadingRow = 3;
        const int FirstGroupColumn = 4;
        const double ComplianceWidth = 13;
        const double CountWidth = 6;
        var criteria = report.Template.Criteria;
        var groups = GroupsWithBenchmarks(report);

        var headings = new List<string> { "Criterion", "Standard", "Target" };
        var widths = new List<double> { TextMeasure.ColumnWidth(criteria.Select(c => c.Id), 16, 32), 50, 8 };
        foreach (var _ in groups)
        {
            headings.AddRange(["Compliance", "n"]);
            widths.AddRange([ComplianceWidth, CountWidth]);
        }

        SheetTable.Headings(sheet, HeadingRow, headings, widths);
        CellText.SetText(sheet.Cells[ServiceRow, 1], "Service");
        CellText.SetText(sheet.Cells[TeamRow, 1], "Team");
        sheet.Cells[ServiceRow, 1, TeamRow, 1].Style.Font.Bold = true;
        var teamLines = 1;
        for (var g = 0; g < groups.Count; g++)
        {
            var column = FirstGroupColumn + (2 * g);
            if (groups[g].Service is { } service)
            {
                CellText.SetText(sheet.Cells[ServiceRow, column], service);
                sheet.Cells[ServiceRow, column, ServiceRow, column + 1].Merge = true;
            }

            var name = groups[g].Name ?? AllTeams;
            CellText.SetText(sheet.Cells[TeamRow, column], name);
            sheet.Cells[TeamRow, column, TeamRow, column + 1].Merge = true;
            teamLines = Math.Max(teamLines, TextMeasure.Lines(name, ComplianceWidth + CountWidth, SheetTable.Bold));
            sheet.Cells[HeadingRow, column].Style.HorizontalAlignment = ExcelHorizontalAlignment.Right;
        }

        var lastColumn = headings.Count;
        var teams = sheet.Cells[TeamRow, FirstGroupColumn, TeamRow, lastColumn];
        teams.Style.Font.Bold = true;
        teams.Style.WrapText = true;
        ExcelLook.Fill(sheet.Cells[TeamRow, 1, TeamRow, lastColumn], ExcelLook.HeadingFill);
        sheet.Cells[ServiceRow, FirstGroupColumn, ServiceRow, lastColumn].Style.WrapText = true;
        if (teamLines > 1)
        {
            sheet.Row(TeamRow).Height = TextMeasure.Height(teamLines);
        }

        var stats = groups.Select(StatsById).ToList();
        var rows = new List<object?[]>(criteria.Length + 1);
        foreach (var criterion in criteria)
        {
            var values = new object?[headings.Count];
            values[0] = criterion.Id;
            values[1] = criterion.Text;
            values[2] = criterion.Target;
            for (var g = 0; g < groups.Count; g++)
            {
                var stat = stats[g].GetValueOrDefault(criterion.Id);
                values[FirstGroupColumn - 1 + (2 * g)] = stat?.Compliance is { } c ? c : "n/a";
                values[FirstGroupColumn + (2 * g)] = stat?.Counts.Applicable ?? 0;
            }

            rows.Add(values);
        }

        var audits = new object?[headings.Count];
        audits[0] = "Audits";
        for (var g = 0; g < groups.Count; g++)
        {
            audits[FirstGroupColumn - 1 + (2 * g)] = groups[g].Audits;
        }

        rows.Add(audits);
        var lastRow = SheetTable.Load(sheet, HeadingRow + 1, rows, 2);
        sheet.Cells[HeadingRow + 1, 3, HeadingRow + criteria.Length, 3].Style.Numberformat.Format = ExcelLook.PercentFormat;
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[HeadingRow + 1 + i, 1].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
            for (var g = 0; g < groups.Count; g++)
            {
                StyleCompliance(sheet.Cells[HeadingRow + 1 + i, FirstGroupColumn + (2 * g)], stats[g].GetValueOrDefault(criteria[i].Id));
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var column = FirstGroupColumn + (2 * g);
            sheet.Cells[HeadingRow + 1, column, lastRow, column].Style.HorizontalAlignment = ExcelHorizontalAlignment.Right;
            var counts = sheet.Cells[HeadingRow, column + 1, lastRow, column + 1].Style;
            counts.HorizontalAlignment = ExcelHorizontalAlignment.Left;
            counts.Indent = 1;
            var left = sheet.Cells[ServiceRow, column, lastRow, column].Style.Border.Left;
            left.Style = ExcelBorderStyle.Thin;
            left.Color.SetColor(ExcelLook.GroupBorder);
        }

        // After loading (which sets the columns' alignment): the names sit just above their Compliance and n.
        teams.Style.VerticalAlignment = ExcelVerticalAlignment.Bottom;
        sheet.Cells[lastRow, 1, lastRow, headings.Count].Style.Font.Bold = true;
        SheetTable.Finish(sheet, HeadingRow, lastRow, headings.Count, frozenColumns: 1);
        print.SetUp(sheet, HeadingRow, repeatColumns: 1);
    }

    private static void WriteByCriterion(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        string[] headings = ["ID", "Section", "Criterion", "Met", "Partly", "Not met", "N/A", "Missing", "Compliance", "CI low", "CI high", "Target", "RAG"];
        var criteria = report.Template.Criteria;
        SheetTable.Headings(sheet, 1, headings, [TextMeasure.ColumnWidth(criteria.Select(c => c.Id), 16, 32), 20, 50, 7, 7, 8, 7, 8, 11, 8, 8, 8, 8]);
        var stats = StatsById(report.Focus);
        var rows = new List<object?[]>();
        foreach (var criterion in criteria)
        {
            var stat = stats.GetValueOrDefault(criterion.Id);
            var counts = stat?.Counts ?? default;
            rows.Add(
            [
                criterion.Id, criterion.Section, criterion.Text, counts.Met, counts.Partly, counts.NotMet, counts.NotApplicable, counts.Missing,
                stat?.Compliance, stat?.CiLow, stat?.CiHigh, stat?.Target ?? criterion.Target, stat?.Rag?.ToString(),
            ]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows, 2, 3);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 9, lastRow, 12].Style.Numberformat.Format = ExcelLook.PercentFormat;
            for (var r = 0; r < rows.Count; r++)
            {
                if (stats.GetValueOrDefault(criteria[r].Id)?.Rag is { } rag)
                {
                    ExcelLook.Fill(sheet.Cells[2 + r, 13], rag);
                }
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
        print.SetUp(sheet, 1, repeatColumns: 1);
    }

    private static void WriteGroups(ExcelWorksheet sheet, RunReport report, bool byMonth, PrintTitle print)
    {
        var criteria = report.Template.Criteria;
        var grades = GradeNames(report);
        var groups = byMonth ? [.. report.Compliance.Periods] : GroupsWithBenchmarks(report);

        var headings = new List<string>();
        var widths = new List<double>();
        if (byMonth)
        {
            headings.AddRange(["Month", "Audits"]);
            widths.AddRange([10, 8]);
        }
        else
        {
            headings.AddRange(["Team", "Service", "Audits"]);
            widths.AddRange([TextMeasure.ColumnWidth(groups.Select(g => g.Name), 14, 32), TextMeasure.ColumnWidth(groups.Select(g => g.Service), 10, 32), 8]);
        }

        var firstGrade = headings.Count + 1;
        headings.AddRange(grades);
        widths.AddRange(grades.Select(_ => 12d));
        var firstAgreement = headings.Count + 1;
        headings.AddRange(["Grades compared", "Grades agreed", "Agreement rate"]);
        widths.AddRange([10, 10, 10]);
        var firstCriterion = headings.Count + 1;
        headings.AddRange(criteria.Select(CriterionHeading));
        widths.AddRange(criteria.Select(_ => CriterionWidth));
        SheetTable.Headings(sheet, 1, headings, widths);
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[1, firstCriterion + i].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
        }

        var rows = new List<object?[]>(groups.Count);
        foreach (var group in groups)
        {
            var values = new object?[headings.Count];
            if (byMonth)
            {
                values[0] = MonthStart(group.Name);
                values[1] = group.Audits;
            }
            else
            {
                values[0] = group.Name;
                values[1] = group.Service;
                values[2] = group.Audits;
            }

            for (var i = 0; i < grades.Count; i++)
            {
                values[firstGrade - 1 + i] = group.Grades.GetValueOrDefault(grades[i]);
            }

            values[firstAgreement - 1] = group.Agreement.Compared;
            values[firstAgreement] = group.Agreement.Agreed;
            values[firstAgreement + 1] = group.Agreement.Rate;
            var stats = StatsById(group);
            for (var i = 0; i < criteria.Length; i++)
            {
                values[firstCriterion - 1 + i] = stats.GetValueOrDefault(criteria[i].Id)?.Compliance is { } c ? c : "n/a";
            }

            rows.Add(values);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, firstAgreement + 2, lastRow, firstAgreement + 2].Style.Numberformat.Format = ExcelLook.PercentFormat;
            if (byMonth)
            {
                sheet.Cells[2, 1, lastRow, 1].Style.Numberformat.Format = "mmm yyyy";
            }

            for (var g = 0; g < groups.Count; g++)
            {
                var stats = StatsById(groups[g]);
                for (var i = 0; i < criteria.Length; i++)
                {
                    StyleCompliance(sheet.Cells[2 + g, firstCriterion + i], stats.GetValueOrDefault(criteria[i].Id));
                }
            }

            sheet.Cells[2, firstCriterion, lastRow, headings.Count].Style.HorizontalAlignment = ExcelHorizontalAlignment.Right;
            if (!byMonth)
            {
                sheet.Cells[2, 1, 1 + groups.Count - report.Compliance.Teams.Length, headings.Count].Style.Font.Bold = true;
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Count, frozenColumns: 1);
        print.SetUp(sheet, 1, repeatColumns: 1);
    }

    private static void WriteCases(ExcelWorksheet sheet, RunReport report, int skip, int take, PrintTitle print)
    {
        var criteria = report.Template.Criteria;
        var cases = report.Cases.AsSpan(skip, take).ToArray();
        var headings = new List<string>
        {
            "Audit ID", "Audit date", "Auditor", "Case ref", "Case type", "Team", "Service", "Practitioner", "Auditor grade", "Derived grade", "Score",
        };
        var fixedColumns = headings.Count;
        headings.AddRange(criteria.Select(CriterionHeading));
        var grades = report.Template.GradeScale.Grades;
        SheetTable.Headings(sheet, 1, headings,
        [
            TextMeasure.ColumnWidth(cases.Select(c => c.AuditId), 12, 24), 11, TextMeasure.ColumnWidth(cases.Select(c => c.Auditor), 10, 24),
            TextMeasure.ColumnWidth(cases.Select(c => c.CaseRef), 10, 20), 9, TextMeasure.ColumnWidth(cases.Select(c => c.Team), 10, 32),
            TextMeasure.ColumnWidth(cases.Select(c => c.Service), 10, 32), TextMeasure.ColumnWidth(cases.Select(c => c.Practitioner), 12, 24),
            TextMeasure.ColumnWidth(grades, 10, 22), TextMeasure.ColumnWidth(grades, 10, 22), 8, CriterionWidth,
        ]);
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[1, fixedColumns + 1 + i].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
        }

        var rows = new List<object?[]>(take);
        foreach (var c in cases)
        {
            var values = new object?[headings.Count];
            values[0] = c.AuditId;
            values[1] = SheetTable.Date(c.AuditDate);
            values[2] = c.Auditor;
            values[3] = c.CaseRef;
            values[4] = c.CaseType;
            values[5] = c.Team;
            values[6] = c.Service;
            values[7] = c.Practitioner;
            values[8] = c.AuditorGrade;
            values[9] = c.Grade;
            values[10] = c.Score;
            for (var i = 0; i < criteria.Length && i < c.Outcomes.Length; i++)
            {
                values[fixedColumns + i] = OutcomeWords(c.Outcomes[i]);
            }

            rows.Add(values);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 2, lastRow, 2].Style.Numberformat.Format = ExcelLook.DateFormat;
            sheet.Cells[2, 11, lastRow, 11].Style.Numberformat.Format = ExcelLook.PercentFormat;
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Count, frozenColumns: 1);
        print.SetUp(sheet, 1, repeatColumns: 1);
    }

    /// <summary>
    /// The actions in the shape of an action plan. Each row says when it was raised against the audit ("raised 30
    /// days after the audit"): a case action falls due so many working days after the audit date, so one whose audit
    /// reached this run after its timescale had run out is "raised late", not overdue.
    /// </summary>
    private static void WriteActions(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        string[] headings =
        [
            "ID", "Scope", "Criterion or theme", "Issue found", "Action", "Responsibility", "Raised", "Timescale", "Progress (RAG)",
            "Team", "Case ref", "Audit ID", "Escalate to",
        ];
        var cases = new Dictionary<string, CaseRow>(StringComparer.Ordinal);
        foreach (var c in report.Cases)
        {
            cases.TryAdd(c.AuditId, c);
        }

        var rows = new List<object?[]>(Math.Min(report.Actions.Count, MaxActionRows));
        foreach (var action in SheetActions(report))
        {
            // Every action of a run is raised on its as-of date.
            var state = ActionDue.State(action.Due, report.AsOf, report.AsOf);
            cases.TryGetValue(action.AuditId ?? string.Empty, out var row);
            rows.Add(
            [
                report.Actions.Ids.Shorten(action.Id),
                ScopeName(action.Scope),
                action.Criterion is null ? (action.Scope == ActionScope.Case ? "Case grade" : ScopeName(action.Scope)) : Label(action.Criterion),
                Issue(action, report, row),
                action.Text,
                PersonOrRole(action.Owner),
                Raised(action, row, report.AsOf),
                SheetTable.Date(action.Due),
                state == DueState.RaisedLate ? "Amber - raised late" : "Amber - open",
                action.Team,
                action.CaseRef,
                action.AuditId,
                action.EscalateTo is null ? null : PersonOrRole(action.EscalateTo),
            ]);
        }

        // Narrow enough to print one page wide: the longer texts wrap instead.
        SheetTable.Headings(sheet, 1, headings,
        [
            15, 7, 16, 30, 50, 16, 13, 11, 12, 16, TextMeasure.ColumnWidth(rows.Select(r => r[10] as string), 9, 14),
            TextMeasure.ColumnWidth(rows.Select(r => r[11] as string), 9, 18), 14,
        ]);
        var lastRow = SheetTable.Load(sheet, 2, rows, 3, 4, 5, 6, 7, 9, 10, 13);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 8, lastRow, 8].Style.Numberformat.Format = ExcelLook.DateFormat;
            ExcelLook.Fill(sheet.Cells[2, 9, lastRow, 9], Rag.Amber);
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
        print.SetUp(sheet, 1, repeatColumns: 1);
    }

    private static void WriteDataQuality(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        string[] headings = ["Field", "Blank", "Total", "Share blank", "Threshold", "Over threshold"];
        var quality = report.DataQuality;
        SheetTable.Headings(sheet, 1, headings, [TextMeasure.ColumnWidth(quality.Fields.Select(f => f.Field), 16, 40), 9, 9, 11, 11, 14]);
        var rows = quality.Fields
            .Select(f => new object?[] { f.Field, f.Blank, f.Total, f.Share, quality.Threshold, quality.IsOverThreshold(f) ? "Yes" : f.Expected ? "No" : "Optional field" })
            .ToList();
        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 4, lastRow, 5].Style.Numberformat.Format = ExcelLook.PercentFormat;
            for (var r = 0; r < rows.Count; r++)
            {
                if (quality.IsOverThreshold(quality.Fields[r]))
                {
                    ExcelLook.Fill(sheet.Cells[2 + r, 6], Rag.Red);
                }
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
        print.SetUp(sheet, 1, repeatColumns: 0);
    }

    private static void WriteRejected(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        string[] headings = ["Source", "Row", "Audit ID", "Reasons"];
        SheetTable.Headings(sheet, 1, headings,
            [TextMeasure.ColumnWidth(report.Rejected.Select(r => r.Source), 12, 30), 7, TextMeasure.ColumnWidth(report.Rejected.Select(r => r.AuditId), 10, 24), 90]);
        var rows = report.Rejected
            .Select(r => new object?[] { r.Source, r.Row, r.AuditId, string.Join(" ", r.Reasons.Select(Sentence)) })
            .ToList();
        var lastRow = SheetTable.Load(sheet, 2, rows, 1, 3, 4);
        SheetTable.Finish(sheet, 1, lastRow, headings.Length);
        print.SetUp(sheet, 1, repeatColumns: 0);
    }

    /// <summary>The Programme sheet (reports from the store given --programme): per round, period and auditor or team.</summary>
    private static void WriteProgramme(ExcelWorksheet sheet, Programme.ProgrammeStatusReport programme, PrintTitle print)
    {
        string[] headings = ["Round", "Template", "Period", "Ended", "Who", "Expected", "Audits", "Done", "Late", "Due", "Not done"];
        var rows = new List<object?[]>();
        foreach (var round in programme.Rounds)
        {
            foreach (var period in round.Periods)
            {
                object?[] Row(string who, Programme.Tally t) =>
                    [round.Round.Title, round.Round.TemplateId, period.Period.Label, period.Ended ? "Yes" : "No (current)", who, t.Expected, t.Audits, t.Done, t.Late, t.Due, t.NotDone];
                rows.Add(Row("All teams", period.Service));
                rows.AddRange(period.Auditors.Select(a => Row("Auditor: " + a.Name, a.Tally)));
                rows.AddRange(period.Teams.Select(t => Row("Team: " + t.Name, t.Tally)));
            }
        }

        SheetTable.Headings(sheet, 1, headings,
            [TextMeasure.ColumnWidth(programme.Rounds.Select(r => r.Round.Title), 16, 40), 20, 24, 12, TextMeasure.ColumnWidth(rows.Select(r => (string?)r[4]), 16, 40), 10, 9, 8, 8, 8, 10]);
        var lastRow = SheetTable.Load(sheet, 2, rows, 1, 2, 3, 4, 5);
        SheetTable.Finish(sheet, 1, lastRow, headings.Length);
        print.SetUp(sheet, 1, repeatColumns: 0);
    }

    private static void WriteAbout(ExcelWorksheet sheet, RunReport report, PrintTitle print)
    {
        SheetTable.Headings(sheet, 1, ["Item", "Value"], [24, 100]);
        var scoring = report.Template.Scoring;
        var rows = new List<object?[]>
        {
            new object?[] { "Template", report.Template.Id },
            new object?[] { "Template version", report.Template.Version },
            new object?[] { "Template title", report.Template.Title },
            new object?[] { "Template and rules hash", report.Template.SourceHash },
            new object?[] { "As of", SheetTable.Date(report.AsOf) },
            new object?[] { "Rows read", report.Submissions.Read },
            new object?[] { "Accepted", report.Submissions.Accepted },
            new object?[] { "Rejected", report.Submissions.Rejected },
            new object?[] { "Follow-up actions", report.Actions.Count },
            new object?[] { "Compliance", string.Create(CultureInfo.InvariantCulture, $"(met + {scoring.PartlyWeight} x partly) / (met + partly + not met); N/A and missing answers are not counted. Shown to one decimal place, as on the console and in report.html.") },
            new object?[] { "RAG", $"Green at or above the target; Amber less than {ActionText.Percent(scoring.AmberMargin)} below it; Red further below. The word is shown with every colour." },
            new object?[] { "Grades", "Listed from best to worst: " + string.Join(", ", report.Template.GradeScale.Grades) + "." },
            new object?[] { "Raised", "When the action was raised: case actions by this run, so many days after the audit; team and service actions from this run's figures." },
            new object?[] { "Timescale", "The due date: so many working days after the audit date for a case action, after the as-of date for a team or service action." },
            new object?[] { "Progress (RAG)", "Amber - open: not yet due. Amber - raised late: the timescale had already run out when this run raised it (the audit came in after its case action fell due), so do it now. In the history store's register (auditkit actions list) an action not done by its due date is Overdue, and one raised late stays Raised late until it is done." },
        };
        if (report.Scope is { } scope)
        {
            rows.Add(["Team pack", $"For {scope.Team}: this team's audits, cases, actions, rejected rows and data quality. The rows and columns marked (benchmark) are figures across the run, with no case of another team in them; service actions are the run's."]);
        }

        foreach (var note in Omissions(report))
        {
            rows.Add(["Left out", note]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows, 2);
        sheet.Cells[6, 2].Style.Numberformat.Format = ExcelLook.DateFormat;
        sheet.Cells[2, 2, lastRow, 2].Style.HorizontalAlignment = ExcelHorizontalAlignment.Left;
        SheetTable.Finish(sheet, 1, lastRow, 2);
        print.SetUp(sheet, 1, repeatColumns: 0);
    }

    /// <summary>All teams, then (in a team pack) the team's service, both headed as benchmarks there, then the teams.</summary>
    private static List<GroupSummary> GroupsWithBenchmarks(RunReport report)
    {
        var groups = new List<GroupSummary>();
        if (report.Scope is null)
        {
            groups.Add(report.Compliance.Overall with { Name = AllTeams });
        }
        else
        {
            groups.Add(report.Compliance.Overall with { Name = ReportScope.Benchmark(AllTeams) });
            groups.AddRange(report.Compliance.Services.Select(s => s with { Name = ReportScope.Benchmark(s.Name ?? "Service") }));
        }

        groups.AddRange(report.Compliance.Teams);
        return groups;
    }

    private static void StyleCompliance(ExcelRange cell, CriterionStat? stat)
    {
        if (stat?.Compliance is null)
        {
            cell.Style.Font.Color.SetColor(ExcelLook.MutedText);
            return;
        }

        if (stat.Rag is { } rag)
        {
            cell.Style.Numberformat.Format = ExcelLook.PercentWithRag(rag);
            ExcelLook.Fill(cell, rag);
        }
        else
        {
            cell.Style.Numberformat.Format = ExcelLook.PercentFormat;
        }
    }

    /// <summary>When the action was raised: "30 days after the audit" for a case action, else from which figures.</summary>
    private static string Raised(FollowUpAction action, CaseRow? row, DateOnly asOf) => action.Scope switch
    {
        ActionScope.Case => row is null ? "By this run" : ActionDue.RaisedAfterAudit(row.AuditDate, asOf),
        ActionScope.Team => "From the team's figures",
        _ => "From the service's figures",
    };

    private static string Issue(FollowUpAction action, RunReport report, CaseRow? row)
    {
        var label = action.Criterion is null ? null : Label(action.Criterion);
        switch (action.Scope)
        {
            case ActionScope.Case:
                var caseRef = action.CaseRef ?? "(no case ref)";
                if (label is null)
                {
                    return row?.Grade is { } grade ? $"Case {caseRef} graded {grade}" : $"Case {caseRef}";
                }

                var index = IndexOf(report.Template, action.Criterion);
                return row is not null && index >= 0 && index < row.Outcomes.Length
                    ? $"Case {caseRef}: {label} {OutcomeWords(row.Outcomes[index])}"
                    : $"Case {caseRef}: {label}";
            default:
                var where = action.Scope == ActionScope.Service ? " across the service" : string.Empty;
                if (action.CompliancePercent is not { } compliance)
                {
                    return $"{label ?? "All criteria"}{where}: no applicable audits";
                }

                var criterionIndex = IndexOf(report.Template, action.Criterion);
                var target = action.Target
                    ?? (criterionIndex >= 0 ? report.Template.Criteria[criterionIndex].Target : report.Template.Scoring.DefaultTarget);
                var rag = RagRating.Rate(compliance, target, report.Template.Scoring.AmberMargin);
                var targetText = ActionText.Percent(target);
                return $"{label ?? "All criteria"}: {ActionText.Percent(compliance)}{where} against {Article(targetText)} {targetText} target ({rag})";
        }
    }

    /// <summary>"an 80%", "an 11%", "a 90%".</summary>
    private static string Article(string number)
    {
        var digits = number.TakeWhile(char.IsAsciiDigit).Count();
        var an = number.StartsWith('8') || (digits == 2 && (number.StartsWith("11", StringComparison.Ordinal) || number.StartsWith("18", StringComparison.Ordinal)));
        return an ? "an" : "a";
    }

    private static string Sentence(string reason)
    {
        var trimmed = reason.Trim();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    private static int IndexOf(AuditTemplate template, string? criterion)
    {
        for (var i = 0; i < template.Criteria.Length; i++)
        {
            if (template.Criteria[i].Id == criterion)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, CriterionStat> StatsById(GroupSummary group)
    {
        var stats = new Dictionary<string, CriterionStat>(StringComparer.Ordinal);
        foreach (var stat in group.Criteria)
        {
            stats.TryAdd(stat.Id, stat);
        }

        return stats;
    }

    /// <summary>The grade scale, best first, then any other grade counted.</summary>
    private static IReadOnlyList<string> GradeNames(RunReport report) =>
        report.Template.GradeScale.WithOthers(
            report.Compliance.Teams.Concat(report.Compliance.Periods).Append(report.Compliance.Overall).SelectMany(g => g.Grades.Keys));

    private static object? MonthStart(string? period) =>
        period is not null && DateTime.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : period;

    /// <summary>A criterion's heading: the template's own words, marked when critical (the id is in its note).</summary>
    private static string CriterionHeading(CriterionDefinition criterion) =>
        criterion.Critical ? criterion.Text + " (critical)" : criterion.Text;

    private static string CriterionNote(CriterionDefinition criterion) =>
        $"{criterion.Id} ({criterion.Section}): {criterion.Text}\nTarget {ActionText.Percent(criterion.Target)}{(criterion.Critical ? ", critical" : string.Empty)}.";

    /// <summary>Prints a sheet with the workbook's title and as-of date at the top of every page.</summary>
    private sealed record PrintTitle(string Title, string AsOf)
    {
        public void SetUp(ExcelWorksheet sheet, int headingRows, int repeatColumns) =>
            SheetPrinting.SetUp(sheet, Title, AsOf, headingRows, repeatColumns);
    }

    /// <summary>child_seen_alone -> "Child seen alone".</summary>
    internal static string Label(string id)
    {
        var words = id.Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    internal static string OutcomeWords(Outcome outcome) => outcome switch
    {
        Outcome.Met => "met",
        Outcome.Partly => "partly",
        Outcome.NotMet => "not met",
        Outcome.NotApplicable => "n/a",
        _ => "missing",
    };

    private static string ScopeName(ActionScope scope) => scope switch
    {
        ActionScope.Case => "Case",
        ActionScope.Team => "Team",
        _ => "Service",
    };

    /// <summary>A role's contract name in words (team_manager -> "Team manager"); a person's name as given.</summary>
    private static string PersonOrRole(string owner) => RoleNames.TryParse(owner, out _) ? Label(owner) : owner;
}
