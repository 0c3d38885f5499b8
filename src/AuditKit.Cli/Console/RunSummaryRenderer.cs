using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Reporting;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Console;

/// <summary>
/// The console summary of a run: a criterion x team table with compliance, target and RAG (colour and
/// the word), the grades, the actions raised, data quality and rejected rows.
/// </summary>
internal static class RunSummaryRenderer
{
    private const int MaxRowsListed = 20;

    /// <summary>How long the summary may take to lay out before the console says it could not be drawn.</summary>
    internal static readonly TimeSpan LayoutTimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Draws the summary. It never fails and never hangs the run: the summary is laid out in memory first, and if that
    /// fails or takes too long, one line says so instead (summary.json and the reports have everything).
    /// </summary>
    public static void Render(IAnsiConsole console, RunReport report, string? outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);

        var held = new StringWriter();
        var buffer = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = console.Profile.Capabilities.Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = (ColorSystemSupport)(int)console.Profile.Capabilities.ColorSystem,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(held),
        });
        buffer.Profile.Width = console.Profile.Width;
        buffer.Profile.Height = console.Profile.Height;
        buffer.Profile.Capabilities.Unicode = console.Profile.Capabilities.Unicode;
        buffer.Profile.Capabilities.Links = console.Profile.Capabilities.Links;

        var layout = Task.Run(() => RenderAll(buffer, report, outputFolder));
        bool drawn;
        try
        {
            drawn = layout.Wait(LayoutTimeLimit);
        }
        catch (AggregateException)
        {
            drawn = false;
        }

        if (!drawn)
        {
            console.Profile.Out.Writer.WriteLine(Diagnostics.Messages.ConsoleSummaryNotDrawn(outputFolder));
            console.Profile.Out.Writer.Flush();
            return;
        }

        console.Profile.Out.Writer.Write(held.ToString());
        console.Profile.Out.Writer.Flush();
    }

    internal static void RenderAll(IAnsiConsole console, RunReport report, string? outputFolder)
    {
        var template = report.Template;
        console.MarkupLine($"[bold]{Markup.Escape(template.Title)}[/] ({Markup.Escape(template.Id)} v{template.Version}), as of {IsoDate.Format(report.AsOf)}");
        console.MarkupLine(
            $"Submissions: {report.Submissions.Read} read, {report.Submissions.Accepted} accepted, " +
            (report.Submissions.Rejected > 0 ? $"[red]{report.Submissions.Rejected} rejected[/]" : "0 rejected"));
        console.WriteLine();

        RenderCompliance(console, report);
        RenderGrades(console, report);
        RenderActions(console, report);
        RenderDataQuality(console, report);
        RenderRejected(console, report);

        if (outputFolder is not null)
        {
            console.MarkupLine($"Outputs written to [bold]{Markup.Escape(outputFolder)}[/].");
        }
    }

    internal static void RenderCompliance(IAnsiConsole console, RunReport report)
    {
        var teams = report.Compliance.Teams;
        var chunks = TeamChunks(console.Profile.Width, report);
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            var (first, count) = chunks[chunk];
            var shown = teams.Skip(first).Take(count).ToList();
            var title = chunks.Count == 1
                ? "[bold]Compliance by criterion and team[/]"
                : $"[bold]Compliance by criterion and team[/] (teams {first + 1} to {first + count} of {teams.Length})";
            var table = new FittedTable()
                .AddColumn(TableCell.Plain("Criterion"), wrap: false)
                .AddColumn(TableCell.Plain("Target"), right: true)
                .AddColumn(TableCell.Plain("All teams"), right: true);
            foreach (var team in shown)
            {
                table.AddColumn(TableCell.Plain(team.Name ?? string.Empty), right: true);
            }

            for (var i = 0; i < report.Template.Criteria.Length; i++)
            {
                var criterion = report.Template.Criteria[i];
                var overall = report.Compliance.Overall.Criteria[i];
                var cells = new List<TableCell>
                {
                    criterion.Critical
                        ? new TableCell(criterion.Id + " *", Markup.Escape(criterion.Id) + " [bold]*[/]")
                        : TableCell.Plain(criterion.Id),
                    TableCell.Plain(ActionText.Percent(criterion.Target)),
                    Cell(overall),
                };
                cells.AddRange(shown.Select(t => Cell(t.Criteria[i])));
                table.AddRow(cells.ToArray());
            }

            var audits = new List<TableCell> { new("audits", "[italic]audits[/]"), TableCell.Plain(string.Empty), TableCell.Plain(report.Compliance.Overall.Audits.ToString(CultureInfo.InvariantCulture)) };
            audits.AddRange(shown.Select(t => TableCell.Plain(t.Audits.ToString(CultureInfo.InvariantCulture))));
            table.AddRow(audits.ToArray());
            console.Write(table.Build(new Table().Border(TableBorder.Rounded).Title(title), console.Profile.Width));
        }

        console.MarkupLine("[grey]* critical criterion. Compliance = (met + partly x " +
            report.Template.Scoring.PartlyWeight.ToString("0.##", CultureInfo.InvariantCulture) +
            ") / (met + partly + not met); n/a and missing are left out.[/]");
        console.WriteLine();
    }

    /// <summary>
    /// The teams in groups of columns that fit the console (first team, count): one table when they all fit, with
    /// each team column as wide as its figures and its name up to 12 cells (a longer name wraps).
    /// </summary>
    internal static IReadOnlyList<(int First, int Count)> TeamChunks(int consoleWidth, RunReport report)
    {
        const int NameCells = 12;
        var criteria = report.Template.Criteria;
        var fixedColumns = new[]
        {
            criteria.Select(c => c.Id.Length + (c.Critical ? 2 : 0)).Append("Criterion".Length).Max(),
            "Target".Length,
            criteria.Select((_, i) => Cell(report.Compliance.Overall.Criteria[i]).Text.Length).Append("All teams".Length).Max(),
        };
        var used = FittedTable.NaturalWidth(fixedColumns);
        var chunks = new List<(int First, int Count)>();
        var first = 0;
        var count = 0;
        var teams = report.Compliance.Teams;
        for (var t = 0; t < teams.Length; t++)
        {
            var team = teams[t];
            var width = 3 + criteria.Select((_, i) => Cell(team.Criteria[i]).Text.Length)
                .Append(team.Audits.ToString(CultureInfo.InvariantCulture).Length)
                .Append(Math.Min(NameCells, ConsoleCells.Width(team.Name ?? string.Empty)))
                .Max();
            if (count > 0 && used + width > consoleWidth)
            {
                chunks.Add((first, count));
                first = t;
                count = 0;
                used = FittedTable.NaturalWidth(fixedColumns);
            }

            used += width;
            count++;
        }

        if (count > 0 || chunks.Count == 0)
        {
            chunks.Add((first, count));
        }

        return chunks;
    }

    private static void RenderGrades(IAnsiConsole console, RunReport report)
    {
        var overall = report.Compliance.Overall;
        var grades = GradeOrder(report).ToList();
        var table = new FittedTable().AddColumn(TableCell.Plain("Team")).AddColumn(TableCell.Plain("Audits"), right: true);
        foreach (var grade in grades)
        {
            table.AddColumn(TableCell.Plain(grade), right: true);
        }

        table.AddColumn(TableCell.Plain("Auditor agrees"), right: true);
        foreach (var group in report.Compliance.Teams.Append(overall))
        {
            var cells = new List<TableCell> { group.Name is null ? new TableCell("All teams", "[bold]All teams[/]") : TableCell.Plain(group.Name), TableCell.Plain(group.Audits.ToString(CultureInfo.InvariantCulture)) };
            cells.AddRange(grades.Select(g => TableCell.Plain(group.Grades.GetValueOrDefault(g).ToString(CultureInfo.InvariantCulture))));
            cells.Add(TableCell.Plain(group.Agreement.Rate is { } rate
                ? $"{ActionText.Percent(rate)} of {group.Agreement.Compared}"
                : "-"));
            table.AddRow(cells.ToArray());
        }

        console.Write(table.Build(new Table().Border(TableBorder.Rounded).Title("[bold]Grades[/]"), console.Profile.Width));
        console.WriteLine();
    }

    private static void RenderActions(IAnsiConsole console, RunReport report)
    {
        var actions = report.Actions;
        var others = actions.TeamAndService;
        var teamCount = others.Count(a => a.Scope == ActionScope.Team);
        console.MarkupLine(
            $"[bold]Follow-up actions:[/] {actions.Count} ({actions.Cases.Count} case, " +
            $"{teamCount} team, {others.Length - teamCount} service)");
        var shown = others.Take(MaxRowsListed).ToList();
        if (shown.Count > 0)
        {
            var table = new FittedTable()
                .AddColumn(TableCell.Plain("Due"))
                .AddColumn(TableCell.Plain("Scope"))
                .AddColumn(TableCell.Plain("Team"))
                .AddColumn(TableCell.Plain("Criterion"), wrap: false)
                .AddColumn(TableCell.Plain("Owner"))
                .AddColumn(TableCell.Plain("Action"));
            foreach (var action in shown)
            {
                table.AddRow(
                    TableCell.Plain(IsoDate.Format(action.Due)),
                    TableCell.Plain(ActionScopes.Name(action.Scope)),
                    TableCell.Plain(action.Team ?? "-"),
                    TableCell.Plain(action.Criterion ?? "-"),
                    TableCell.Plain(action.Owner),
                    TableCell.Plain(action.Text));
            }

            console.Write(table.Build(new Table().Border(TableBorder.Rounded), console.Profile.Width));
        }

        var rest = actions.Count - shown.Count;
        if (rest > 0)
        {
            console.MarkupLine($"[grey]{rest} more (case actions included) in summary.json and compliance.xlsx.[/]");
        }

        console.WriteLine();
    }

    private static void RenderDataQuality(IAnsiConsole console, RunReport report)
    {
        var over = report.DataQuality.OverThreshold.ToList();
        var threshold = ActionText.Percent(report.DataQuality.Threshold);
        if (over.Count == 0)
        {
            console.MarkupLine($"[bold]Data quality:[/] no field is blank in more than {threshold} of rows.");
            console.WriteLine();
            return;
        }

        console.MarkupLine($"[bold]Data quality:[/] {over.Count} field(s) blank in more than {threshold} of rows:");
        foreach (var field in over)
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(field.Field)}[/]: {field.Blank} of {field.Total} blank ({ActionText.Percent(field.Share)})");
        }

        console.WriteLine();
    }

    private static void RenderRejected(IAnsiConsole console, RunReport report)
    {
        if (report.Rejected.IsEmpty)
        {
            return;
        }

        console.MarkupLine($"[bold red]Rejected rows: {report.Rejected.Length}[/] (listed in rejected.csv; fix them and run again)");
        foreach (var row in report.Rejected.Take(MaxRowsListed))
        {
            var id = row.AuditId is null ? string.Empty : $" ({Markup.Escape(TerminalText.Escape(row.AuditId))})";
            console.MarkupLine($"  {Markup.Escape(TerminalText.Escape(row.Source))} row {row.Row}{id}: {Markup.Escape(TerminalText.Escape(string.Join("; ", row.Reasons)))}");
        }

        if (report.Rejected.Length > MaxRowsListed)
        {
            console.MarkupLine($"  [grey]... and {report.Rejected.Length - MaxRowsListed} more.[/]");
        }

        console.WriteLine();
    }

    /// <summary>Grade names in the order the grading rules give them, then any others.</summary>
    internal static IEnumerable<string> GradeOrder(RunReport report)
    {
        var ordered = report.Template.EffectiveRules.Grading.Select(g => g.Grade).Distinct(StringComparer.Ordinal).ToList();
        foreach (var grade in report.Compliance.Overall.Grades.Keys)
        {
            if (!ordered.Contains(grade, StringComparer.Ordinal))
            {
                ordered.Add(grade);
            }
        }

        return ordered;
    }

    private static TableCell Cell(CriterionStat stat)
    {
        if (stat.Compliance is not { } compliance || stat.Rag is not { } rag)
        {
            return TableCell.Styled("n/a", "grey");
        }

        var colour = rag switch
        {
            Rag.Green => "green",
            Rag.Amber => "yellow",
            _ => "red",
        };
        return TableCell.Styled($"{ActionText.Percent(compliance)} {rag}", colour);
    }

}
