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
public sealed class ComplianceWorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string ByCriterionSheet = "By criterion";
    public const string ByTeamSheet = "By team";
    public const string ByMonthSheet = "By month";
    public const string CasesSheet = "Cases";
    public const string ActionsSheet = "Actions";
    public const string DataQualitySheet = "Data quality";
    public const string RejectedSheet = "Rejected";
    public const string AboutSheet = "About";

    private const string AllTeams = "All teams";
    private const string Author = "AuditKit";

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
        WriteSummary(book.Worksheets.Add(SummarySheet), report);
        WriteByCriterion(book.Worksheets.Add(ByCriterionSheet), report);
        WriteGroups(book.Worksheets.Add(ByTeamSheet), report, byMonth: false);
        WriteGroups(book.Worksheets.Add(ByMonthSheet), report, byMonth: true);
        if (report.Cases.Length <= MaxCaseRows)
        {
            foreach (var part in SplitRows(report.Cases.Length, _maxSheetRows))
            {
                WriteCases(book.Worksheets.Add(part.Name), report, part.Skip, part.Take);
            }
        }

        WriteActions(book.Worksheets.Add(ActionsSheet), report);
        WriteDataQuality(book.Worksheets.Add(DataQualitySheet), report);
        WriteRejected(book.Worksheets.Add(RejectedSheet), report);
        WriteAbout(book.Worksheets.Add(AboutSheet), report);

        foreach (var sheet in book.Worksheets)
        {
            SheetTable.SetUpPrinting(sheet);
        }

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
    /// Criteria down the side, then a compliance and an n column for all teams and for each team (its service above
    /// it): reads like the console and HTML tables, and prints one page wide.
    /// </summary>
    private static void WriteSummary(ExcelWorksheet sheet, RunReport report)
    {
        const int ServiceRow = 1;
        const int HeadingRow = 2;
        const int FirstGroupColumn = 4;
        var criteria = report.Template.Criteria;
        var groups = GroupsWithBenchmarks(report);

        var headings = new List<string> { "Criterion", "Standard", "Target" };
        foreach (var group in groups)
        {
            headings.Add(group.Name ?? AllTeams);
            headings.Add("n");
        }

        SheetTable.Headings(sheet, HeadingRow, headings, [30, 48, 8]);
        var label = sheet.Cells[ServiceRow, 1];
        label.Value = "Service";
        label.Style.Font.Bold = true;
        for (var g = 0; g < groups.Count; g++)
        {
            var column = FirstGroupColumn + (2 * g);
            sheet.Column(column).Width = 14;
            sheet.Column(column + 1).Width = 6;
            if (groups[g].Service is { } service)
            {
                CellText.SetText(sheet.Cells[ServiceRow, column], service);
            }
        }

        var stats = groups.Select(StatsById).ToList();
        var rows = new List<object?[]>(criteria.Length + 1);
        foreach (var criterion in criteria)
        {
            var values = new object?[headings.Count];
            values[0] = criterion.Id;
            values[1] = CellText.Clean(criterion.Text);
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
        var lastRow = SheetTable.Load(sheet, HeadingRow + 1, rows);
        sheet.Cells[HeadingRow + 1, 3, HeadingRow + criteria.Length, 3].Style.Numberformat.Format = ExcelLook.PercentFormat;
        sheet.Row(HeadingRow).Height = 45;
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[HeadingRow + 1 + i, 1].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
            for (var g = 0; g < groups.Count; g++)
            {
                StyleCompliance(sheet.Cells[HeadingRow + 1 + i, FirstGroupColumn + (2 * g)], stats[g].GetValueOrDefault(criteria[i].Id));
            }
        }

        sheet.Cells[lastRow, 1, lastRow, headings.Count].Style.Font.Bold = true;
        SheetTable.Finish(sheet, HeadingRow, lastRow, headings.Count, frozenColumns: 1);
    }

    private static void WriteByCriterion(ExcelWorksheet sheet, RunReport report)
    {
        string[] headings = ["ID", "Section", "Criterion", "Met", "Partly", "Not met", "N/A", "Missing", "Compliance", "CI low", "CI high", "Target", "RAG"];
        SheetTable.Headings(sheet, 1, headings, [22, 20, 50, 7, 7, 8, 7, 8, 11, 8, 8, 8, 8]);
        var stats = StatsById(report.Focus);
        var rows = new List<object?[]>();
        foreach (var criterion in report.Template.Criteria)
        {
            var stat = stats.GetValueOrDefault(criterion.Id);
            var counts = stat?.Counts ?? default;
            rows.Add(
            [
                criterion.Id, criterion.Section, criterion.Text, counts.Met, counts.Partly, counts.NotMet, counts.NotApplicable, counts.Missing,
                stat?.Compliance, stat?.CiLow, stat?.CiHigh, stat?.Target ?? criterion.Target, stat?.Rag?.ToString(),
            ]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 9, lastRow, 12].Style.Numberformat.Format = ExcelLook.PercentFormat;
            sheet.Cells[2, 3, lastRow, 3].Style.WrapText = true;
            for (var r = 0; r < rows.Count; r++)
            {
                if (stats.GetValueOrDefault(report.Template.Criteria[r].Id)?.Rag is { } rag)
                {
                    ExcelLook.Fill(sheet.Cells[2 + r, 13], rag);
                }
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
    }

    private static void WriteGroups(ExcelWorksheet sheet, RunReport report, bool byMonth)
    {
        var criteria = report.Template.Criteria;
        var grades = GradeNames(report);
        var headings = new List<string>();
        headings.AddRange(byMonth ? ["Month", "Audits"] : ["Team", "Service", "Audits"]);
        var firstGrade = headings.Count + 1;
        headings.AddRange(grades);
        var firstAgreement = headings.Count + 1;
        headings.AddRange(["Grades compared", "Grades agreed", "Agreement rate"]);
        var firstCriterion = headings.Count + 1;
        headings.AddRange(criteria.Select(c => c.Id));

        var widths = new List<double>(byMonth ? [12, 8] : [18, 16, 8]);
        widths.AddRange(grades.Select(_ => 11d));
        widths.AddRange([10, 10, 10]);
        widths.AddRange(criteria.Select(_ => 14d));
        SheetTable.Headings(sheet, 1, headings, widths);
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[1, firstCriterion + i].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
        }

        var groups = byMonth ? [.. report.Compliance.Periods] : GroupsWithBenchmarks(report);
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

            if (!byMonth)
            {
                sheet.Cells[2, 1, 1 + groups.Count - report.Compliance.Teams.Length, headings.Count].Style.Font.Bold = true;
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Count, frozenColumns: 1);
    }

    private static void WriteCases(ExcelWorksheet sheet, RunReport report, int skip, int take)
    {
        var criteria = report.Template.Criteria;
        var headings = new List<string>
        {
            "Audit ID", "Audit date", "Auditor", "Case ref", "Case type", "Team", "Service", "Practitioner", "Auditor grade", "Derived grade", "Score",
        };
        var fixedColumns = headings.Count;
        headings.AddRange(criteria.Select(c => c.Id));
        SheetTable.Headings(sheet, 1, headings, [14, 11, 16, 14, 9, 16, 16, 16, 14, 14, 8, 12]);
        for (var i = 0; i < criteria.Length; i++)
        {
            sheet.Cells[1, fixedColumns + 1 + i].AddComment(CellText.Clean(CriterionNote(criteria[i])), Author);
        }

        var rows = new List<object?[]>(take);
        for (var n = skip; n < skip + take; n++)
        {
            var c = report.Cases[n];
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
    }

    private static void WriteActions(ExcelWorksheet sheet, RunReport report)
    {
        string[] headings =
        [
            "ID", "Scope", "Criterion or theme", "Issue found", "Action", "Responsibility", "Timescale", "Progress (RAG)",
            "Team", "Case ref", "Audit ID", "Escalate to",
        ];
        SheetTable.Headings(sheet, 1, headings, [16, 9, 24, 48, 60, 18, 11, 16, 16, 14, 14, 18]);
        var cases = new Dictionary<string, CaseRow>(StringComparer.Ordinal);
        foreach (var c in report.Cases)
        {
            cases.TryAdd(c.AuditId, c);
        }

        var rows = new List<object?[]>(Math.Min(report.Actions.Count, MaxActionRows));
        var overdueRows = new List<int>();
        foreach (var action in SheetActions(report))
        {
            var overdue = action.Due < report.AsOf;
            if (overdue)
            {
                overdueRows.Add(rows.Count);
            }

            rows.Add(
            [
                report.Actions.Ids.Shorten(action.Id),
                ScopeName(action.Scope),
                action.Criterion is null ? (action.Scope == ActionScope.Case ? "Case grade" : ScopeName(action.Scope)) : Label(action.Criterion),
                Issue(action, report, cases),
                action.Text,
                PersonOrRole(action.Owner),
                SheetTable.Date(action.Due),
                overdue ? "Red - overdue" : "Amber - open",
                action.Team,
                action.CaseRef,
                action.AuditId,
                action.EscalateTo is null ? null : PersonOrRole(action.EscalateTo),
            ]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 7, lastRow, 7].Style.Numberformat.Format = ExcelLook.DateFormat;
            sheet.Cells[2, 4, lastRow, 5].Style.WrapText = true;
            sheet.Cells[2, 1, lastRow, headings.Length].Style.VerticalAlignment = ExcelVerticalAlignment.Top;
            ExcelLook.Fill(sheet.Cells[2, 8, lastRow, 8], Rag.Amber);

            // Style the first overdue cell, then give the others its style id: one style lookup instead of one per cell.
            int? overdueStyle = null;
            foreach (var r in overdueRows)
            {
                var cell = sheet.Cells[2 + r, 8];
                if (overdueStyle is { } id)
                {
                    cell.StyleID = id;
                }
                else
                {
                    ExcelLook.Fill(cell, Rag.Red);
                    overdueStyle = cell.StyleID;
                }
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
    }

    private static void WriteDataQuality(ExcelWorksheet sheet, RunReport report)
    {
        string[] headings = ["Field", "Blank", "Total", "Share blank", "Threshold", "Over threshold"];
        SheetTable.Headings(sheet, 1, headings, [24, 9, 9, 11, 11, 14]);
        var quality = report.DataQuality;
        var rows = quality.Fields
            .Select(f => new object?[] { f.Field, f.Blank, f.Total, f.Share, quality.Threshold, quality.IsOverThreshold(f) ? "Yes" : f.Expected ? "No" : "Optional field" })
            .ToList();
        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 4, lastRow, 5].Style.Numberformat.Format = "0.0%";
            for (var r = 0; r < rows.Count; r++)
            {
                if (quality.IsOverThreshold(quality.Fields[r]))
                {
                    ExcelLook.Fill(sheet.Cells[2 + r, 6], Rag.Red);
                }
            }
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);
    }

    private static void WriteRejected(ExcelWorksheet sheet, RunReport report)
    {
        string[] headings = ["Source", "Row", "Audit ID", "Reasons"];
        SheetTable.Headings(sheet, 1, headings, [24, 7, 14, 100]);
        var rows = report.Rejected
            .Select(r => new object?[] { r.Source, r.Row, r.AuditId, string.Join(" ", r.Reasons.Select(Sentence)) })
            .ToList();
        var lastRow = SheetTable.Load(sheet, 2, rows);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 4, lastRow, 4].Style.WrapText = true;
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length);
    }

    private static void WriteAbout(ExcelWorksheet sheet, RunReport report)
    {
        SheetTable.Headings(sheet, 1, ["Item", "Value"], [24, 90]);
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
            new object?[] { "Compliance", string.Create(CultureInfo.InvariantCulture, $"(met + {scoring.PartlyWeight} x partly) / (met + partly + not met); N/A and missing answers are not counted.") },
            new object?[] { "RAG", $"Green at or above the target; Amber less than {ActionText.Percent(scoring.AmberMargin)} below it; Red further below. The word is shown with every colour." },
            new object?[] { "Progress (RAG)", "Green: complete; Amber: open and not yet due; Red: overdue on the as-of date." },
        };
        if (report.Scope is { } scope)
        {
            rows.Add(["Team pack", $"For {scope.Team}: this team's audits, cases, actions, rejected rows and data quality. The rows and columns marked (benchmark) are figures across the run, with no case of another team in them; service actions are the run's."]);
        }

        foreach (var note in Omissions(report))
        {
            rows.Add(["Left out", note]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows);
        sheet.Cells[6, 2].Style.Numberformat.Format = ExcelLook.DateFormat;
        sheet.Cells[2, 2, lastRow, 2].Style.HorizontalAlignment = ExcelHorizontalAlignment.Left;
        sheet.Cells[2, 2, lastRow, 2].Style.WrapText = true;
        SheetTable.Finish(sheet, 1, lastRow, 2);
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

    private static string Issue(FollowUpAction action, RunReport report, Dictionary<string, CaseRow> cases)
    {
        var label = action.Criterion is null ? null : Label(action.Criterion);
        switch (action.Scope)
        {
            case ActionScope.Case:
                var caseRef = action.CaseRef ?? "(no case ref)";
                cases.TryGetValue(action.AuditId ?? string.Empty, out var row);
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

    private static List<string> GradeNames(RunReport report)
    {
        var names = FormColumns.Grades(report.Template).ToList();
        var others = report.Compliance.Teams.Concat(report.Compliance.Periods).Append(report.Compliance.Overall)
            .SelectMany(g => g.Grades.Keys)
            .Where(g => !names.Contains(g, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        names.AddRange(others);
        return names;
    }

    private static object? MonthStart(string? period) =>
        period is not null && DateTime.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : period;

    private static string CriterionNote(CriterionDefinition criterion) =>
        $"{criterion.Section}: {criterion.Text}\nTarget {ActionText.Percent(criterion.Target)}{(criterion.Critical ? ", critical" : string.Empty)}.";

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
