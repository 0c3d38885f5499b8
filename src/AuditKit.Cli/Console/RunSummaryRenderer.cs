using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Console;

/// <summary>
/// The console summary of a run, laid out for the console's width: compliance by criterion and team against target
/// with RAG (colour and the word), the grades in scale order, the actions summarised, data quality and rejected rows.
/// </summary>
internal static class RunSummaryRenderer
{
    private const int MaxRowsListed = 20;
    private const string AllTeams = "All teams";

    /// <summary>Fewer teams than this beside the criteria, and each criterion gets its own lines instead.</summary>
    internal const int LeastTeamsPerTable = 3;

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
        if (report.ModerationRead is { } moderation)
        {
            console.MarkupLine(
                $"Moderation audits: {moderation.Read} read, {moderation.Accepted} accepted, {moderation.Rejected} rejected; they count in no figure, grade or action below "
                + "('auditkit moderation' shows how far auditors agree).");
        }

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

    /// <summary>
    /// The criterion x team table when at least <see cref="LeastTeamsPerTable"/> teams fit the console's width beside
    /// the criteria (the teams shared evenly over as few tables as hold them); otherwise each criterion on a line of its
    /// own with the teams under it. At any width every figure is on a line that can be read whole.
    /// </summary>
    internal static void RenderCompliance(IAnsiConsole console, RunReport report)
    {
        var width = console.Profile.Width;
        var teams = report.Compliance.Teams;
        var chunks = TeamChunks(width, report);
        if (chunks is null)
        {
            console.Write(Blocks(report).Build(new Table().Border(TableBorder.Rounded).Title("[bold]Compliance by criterion and team[/]"), width));
        }
        else
        {
            foreach (var (first, count) in chunks)
            {
                var title = chunks.Count == 1
                    ? "[bold]Compliance by criterion and team[/]"
                    : $"[bold]Compliance by criterion and team[/] (teams {first + 1} to {first + count} of {teams.Length})";
                console.Write(Matrix(report, first, count).Build(new Table().Border(TableBorder.Rounded).Title(title), width));
            }
        }

        console.MarkupLine("[grey]* critical criterion. Compliance = (met + partly x " +
            report.Template.Scoring.PartlyWeight.ToString("0.##", CultureInfo.InvariantCulture) +
            ") / (met + partly + not met); n/a and missing are left out.[/]");
        console.WriteLine();
    }

    /// <summary>
    /// The teams in tables of columns that fit <paramref name="consoleWidth"/> cells (first team, count), each team
    /// column as wide as its figures and its name up to 12 cells (a longer name wraps at its spaces): one table when they
    /// all fit, else as few as hold them with the teams shared evenly; null when fewer than
    /// <see cref="LeastTeamsPerTable"/> teams fit beside the criteria.
    /// </summary>
    internal static IReadOnlyList<(int First, int Count)>? TeamChunks(int consoleWidth, RunReport report)
    {
        const int NameCells = 12;
        var criteria = report.Template.Criteria;
        var used = FittedTable.NaturalWidth(
        [
            criteria.Select(c => ConsoleCells.Width(CriterionName(c))).Append("Criterion".Length).Max(),
            "Target".Length,
            criteria.Select((_, i) => Cell(report.Compliance.Overall.Criteria[i]).Text.Length).Append("All teams".Length).Max(),
        ]);
        var teams = report.Compliance.Teams;
        var widest = 0;
        foreach (var team in teams)
        {
            var name = team.Name ?? string.Empty;
            var longestWord = name.Split(' ').Select(ConsoleCells.Width).DefaultIfEmpty(0).Max();
            widest = Math.Max(widest, FittedTable.NaturalWidth(
            [
                criteria.Select((_, i) => Cell(team.Criteria[i]).Text.Length)
                    .Append(team.Audits.ToString(CultureInfo.InvariantCulture).Length)
                    .Append(Math.Max(longestWord, Math.Min(NameCells, ConsoleCells.Width(name))))
                    .Max(),
            ]) - 1);
        }

        var fit = widest == 0 ? teams.Length : (consoleWidth - used) / widest;
        if (fit >= teams.Length)
        {
            return [(0, teams.Length)];
        }

        if (fit < LeastTeamsPerTable)
        {
            return null;
        }

        var tables = (teams.Length + fit - 1) / fit;
        var chunks = new List<(int First, int Count)>(tables);
        var first = 0;
        for (var t = 0; t < tables; t++)
        {
            var count = (teams.Length - first) / (tables - t);
            chunks.Add((first, count));
            first += count;
        }

        return chunks;
    }

    private static FittedTable Matrix(RunReport report, int firstTeam, int teamCount)
    {
        var teams = report.Compliance.Teams.Skip(firstTeam).Take(teamCount).ToList();
        // The figures are never wrapped; the team names above them may be.
        var table = new FittedTable()
            .AddColumn(TableCell.Plain("Criterion"), wrap: false)
            .AddColumn(TableCell.Plain("Target"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("All teams"), right: true, wrap: false);
        foreach (var team in teams)
        {
            table.AddColumn(TableCell.Plain(team.Name ?? string.Empty), right: true, wrap: false);
        }

        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            var cells = new List<TableCell>
            {
                criterion.Critical
                    ? new TableCell(CriterionName(criterion), Markup.Escape(criterion.Id) + " [bold]*[/]")
                    : TableCell.Plain(criterion.Id),
                TableCell.Plain(ActionText.Percent(criterion.Target)),
                Cell(report.Compliance.Overall.Criteria[i]),
            };
            cells.AddRange(teams.Select(t => Cell(t.Criteria[i])));
            table.AddRow([.. cells]);
        }

        var audits = new List<TableCell> { new("audits", "[italic]audits[/]"), TableCell.Plain(string.Empty), TableCell.Plain(report.Compliance.Overall.Audits.ToString(CultureInfo.InvariantCulture)) };
        audits.AddRange(teams.Select(t => TableCell.Plain(t.Audits.ToString(CultureInfo.InvariantCulture))));
        table.AddRow([.. audits]);
        return table;
    }

    /// <summary>A criterion per line (with its target), all teams and each team under it: compliance, RAG and n.</summary>
    private static FittedTable Blocks(RunReport report)
    {
        var table = new FittedTable()
            .AddColumn(TableCell.Plain("Criterion and team"))
            .AddColumn(TableCell.Plain("Compliance"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("n"), right: true, wrap: false);
        var groups = report.Compliance.Teams.Prepend(report.Compliance.Overall).ToList();
        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            var heading = $"{CriterionName(criterion)}, target {ActionText.Percent(criterion.Target)}";
            table.AddRow(new TableCell(heading, "[bold]" + Markup.Escape(TerminalText.Escape(heading)) + "[/]"), TableCell.Plain(string.Empty), TableCell.Plain(string.Empty));
            foreach (var group in groups)
            {
                var stat = group.Criteria[i];
                table.AddRow(
                    TableCell.Plain("  " + (group.Name ?? AllTeams)),
                    Cell(stat),
                    TableCell.Plain(stat.Counts.Applicable.ToString(CultureInfo.InvariantCulture)));
            }
        }

        table.AddRow(new TableCell("Audits", "[bold]Audits[/]"), TableCell.Plain(string.Empty), TableCell.Plain(string.Empty));
        foreach (var group in groups)
        {
            table.AddRow(TableCell.Plain("  " + (group.Name ?? AllTeams)), TableCell.Plain(group.Audits.ToString(CultureInfo.InvariantCulture)), TableCell.Plain(string.Empty));
        }

        return table;
    }

    private static void RenderGrades(IAnsiConsole console, RunReport report)
    {
        var overall = report.Compliance.Overall;
        var grades = GradeOrder(report);
        var table = new FittedTable().AddColumn(TableCell.Plain("Team")).AddColumn(TableCell.Plain("Audits"), right: true, wrap: false);
        foreach (var grade in grades)
        {
            table.AddColumn(TableCell.Plain(grade), right: true, wrap: false);
        }

        table.AddColumn(TableCell.Plain("Auditor agrees"), right: true, wrap: false);
        foreach (var group in report.Compliance.Teams.Append(overall))
        {
            var cells = new List<TableCell> { group.Name is null ? new TableCell(AllTeams, $"[bold]{AllTeams}[/]") : TableCell.Plain(group.Name), TableCell.Plain(group.Audits.ToString(CultureInfo.InvariantCulture)) };
            cells.AddRange(grades.Select(g => TableCell.Plain(group.Grades.GetValueOrDefault(g).ToString(CultureInfo.InvariantCulture))));
            cells.Add(TableCell.Plain(group.Agreement.Rate is { } rate
                ? $"{ActionText.Percent(rate)} of {group.Agreement.Compared}"
                : "-"));
            table.AddRow([.. cells]);
        }

        console.Write(table.Build(new Table().Border(TableBorder.Rounded).Title("[bold]Grades[/] (best first)"), console.Profile.Width));
        console.WriteLine();
    }

    /// <summary>
    /// The actions summarised, never listed (the workbook's Actions sheet and summary.json list them all): counts by
    /// scope and progress, a table by owner, and the few most urgent.
    /// </summary>
    private static void RenderActions(IAnsiConsole console, RunReport report)
    {
        var overview = ActionsOverview.Of(report);
        console.MarkupLine(
            $"[bold]Follow-up actions:[/] {overview.Total} ({overview.Case} case, {overview.Team} team, {overview.Service} service): " +
            $"{overview.NotYetDue} not yet due, {overview.RaisedLate} raised late.");
        if (overview.Total == 0)
        {
            console.WriteLine();
            return;
        }

        if (overview.RaisedLate > 0)
        {
            console.MarkupLine("[grey]Raised late: the action's timescale (so many working days after the audit) had run out before this run raised it; do it now.[/]");
        }

        var owners = new FittedTable()
            .AddColumn(TableCell.Plain("Owner"))
            .AddColumn(TableCell.Plain("Case"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("Team"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("Service"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("Raised late"), right: true, wrap: false)
            .AddColumn(TableCell.Plain("All"), right: true, wrap: false);
        foreach (var owner in overview.Owners)
        {
            owners.AddRow(
                TableCell.Plain(owner.Owner),
                Count(owner.Case),
                Count(owner.Team),
                Count(owner.Service),
                Count(owner.RaisedLate),
                Count(owner.Total));
        }

        console.Write(owners.Build(new Table().Border(TableBorder.Rounded).Title("[bold]Actions by owner[/]"), console.Profile.Width));
        if (overview.OtherOwners > 0)
        {
            console.MarkupLine($"[grey]... and {overview.OtherOwners} more owner(s).[/]");
        }

        // One block per action (its details, then its text wrapped under them): readable at any width.
        console.WriteLine();
        console.MarkupLine("[bold]Most urgent[/] (earliest due):");
        var number = 0;
        foreach (var (action, state, raised) in overview.MostUrgent)
        {
            number++;
            var subject = action.Scope == ActionScope.Case
                ? $"case {action.CaseRef}" + (action.Criterion is null ? string.Empty : $", {action.Criterion}")
                : action.Criterion is null ? ActionScopes.Name(action.Scope) : $"{ActionScopes.Name(action.Scope)}, {action.Criterion}";
            var where = action.Team is null ? string.Empty : $" ({action.Team})";
            var when = state == DueState.RaisedLate
                ? "; raised late" + (raised is null ? string.Empty : $", {raised}")
                : raised is null ? string.Empty : $"; raised {raised}";
            var prefix = number.ToString(CultureInfo.InvariantCulture) + ". ";
            WrapLine(console, $"Due {IsoDate.Format(action.Due)}: {subject}{where}, {action.Owner}{when}.", prefix, state == DueState.RaisedLate ? "yellow" : null);
            WrapLine(console, action.Text, new string(' ', prefix.Length), null);
        }

        console.MarkupLine("[grey]Every action is listed in compliance.xlsx (Actions) and summary.json; 'auditkit actions list' shows the register.[/]");
        console.WriteLine();
    }

    /// <summary>
    /// <paramref name="text"/> (escaped for the terminal) wrapped to the console's width after <paramref name="prefix"/>,
    /// its further lines indented as far, optionally in a colour.
    /// </summary>
    private static void WrapLine(IAnsiConsole console, string text, string prefix, string? style)
    {
        var indent = new string(' ', prefix.Length);
        var wrapped = ConsoleCells.Wrap(TerminalText.Escape(text), Math.Max(2, console.Profile.Width - prefix.Length));
        var lines = wrapped.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Markup.Escape(lines[i]);
            console.MarkupLine((i == 0 ? Markup.Escape(prefix) : indent) + (style is null ? line : $"[{style}]{line}[/]"));
        }
    }

    private static TableCell Count(int value) => TableCell.Plain(value.ToString(CultureInfo.InvariantCulture));

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
            var id = row.AuditId is null ? string.Empty : $" ({row.AuditId})";
            WrapLine(console, $"{row.Source} row {row.Row}{id}: {string.Join("; ", row.Reasons)}", "  ", null);
        }

        if (report.Rejected.Length > MaxRowsListed)
        {
            console.MarkupLine($"  [grey]... and {report.Rejected.Length - MaxRowsListed} more.[/]");
        }

        console.WriteLine();
    }

    /// <summary>The grade scale, best first, then any other grade counted.</summary>
    internal static IReadOnlyList<string> GradeOrder(RunReport report) =>
        report.Template.GradeScale.WithOthers(report.Compliance.Overall.Grades.Keys);

    /// <summary>The criterion's id, with " *" when it is critical.</summary>
    internal static string CriterionName(CriterionDefinition criterion) => criterion.Critical ? criterion.Id + " *" : criterion.Id;

    internal static TableCell Cell(CriterionStat stat)
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
