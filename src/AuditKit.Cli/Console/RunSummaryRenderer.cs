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

    public static void Render(IAnsiConsole console, RunReport report, string? outputFolder)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);

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
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Compliance by criterion and team[/]");
        table.AddColumn(new TableColumn("Criterion").NoWrap());
        table.AddColumn(new TableColumn("Target").RightAligned());
        table.AddColumn(new TableColumn("All teams").RightAligned());
        foreach (var team in teams)
        {
            table.AddColumn(new TableColumn(Markup.Escape(team.Name ?? string.Empty)).RightAligned());
        }

        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            var overall = report.Compliance.Overall.Criteria[i];
            var cells = new List<string>
            {
                Markup.Escape(criterion.Id) + (criterion.Critical ? " [bold]*[/]" : string.Empty),
                ActionText.Percent(criterion.Target),
                Cell(overall),
            };
            cells.AddRange(teams.Select(t => Cell(t.Criteria[i])));
            table.AddRow(cells.ToArray());
        }

        var audits = new List<string> { "[italic]audits[/]", string.Empty, report.Compliance.Overall.Audits.ToString(CultureInfo.InvariantCulture) };
        audits.AddRange(teams.Select(t => t.Audits.ToString(CultureInfo.InvariantCulture)));
        table.AddRow(audits.ToArray());
        console.Write(table);
        console.MarkupLine("[grey]* critical criterion. Compliance = (met + partly x " +
            report.Template.Scoring.PartlyWeight.ToString("0.##", CultureInfo.InvariantCulture) +
            ") / (met + partly + not met); n/a and missing are left out.[/]");
        console.WriteLine();
    }

    private static void RenderGrades(IAnsiConsole console, RunReport report)
    {
        var overall = report.Compliance.Overall;
        var grades = GradeOrder(report).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Grades[/]");
        table.AddColumn("Team");
        table.AddColumn(new TableColumn("Audits").RightAligned());
        foreach (var grade in grades)
        {
            table.AddColumn(new TableColumn(Markup.Escape(grade)).RightAligned());
        }

        table.AddColumn(new TableColumn("Auditor agrees").RightAligned());
        foreach (var group in report.Compliance.Teams.Append(overall))
        {
            var cells = new List<string> { group.Name is null ? "[bold]All teams[/]" : Markup.Escape(group.Name), group.Audits.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(grades.Select(g => group.Grades.GetValueOrDefault(g).ToString(CultureInfo.InvariantCulture)));
            cells.Add(group.Agreement.Rate is { } rate
                ? $"{ActionText.Percent(rate)} of {group.Agreement.Compared}"
                : "-");
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
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
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Due");
            table.AddColumn("Scope");
            table.AddColumn("Team");
            table.AddColumn(new TableColumn("Criterion").NoWrap());
            table.AddColumn("Owner");
            table.AddColumn("Action");
            foreach (var action in shown)
            {
                table.AddRow(
                    IsoDate.Format(action.Due),
                    ActionScopes.Name(action.Scope),
                    Markup.Escape(action.Team ?? "-"),
                    Markup.Escape(action.Criterion ?? "-"),
                    Markup.Escape(action.Owner),
                    Markup.Escape(action.Text));
            }

            console.Write(table);
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
            var id = row.AuditId is null ? string.Empty : $" ({Markup.Escape(row.AuditId)})";
            console.MarkupLine($"  {Markup.Escape(row.Source)} row {row.Row}{id}: {Markup.Escape(string.Join("; ", row.Reasons))}");
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

    private static string Cell(CriterionStat stat)
    {
        if (stat.Compliance is not { } compliance || stat.Rag is not { } rag)
        {
            return "[grey]n/a[/]";
        }

        var colour = rag switch
        {
            Rag.Green => "green",
            Rag.Amber => "yellow",
            _ => "red",
        };
        return $"[{colour}]{ActionText.Percent(compliance)} {rag}[/]";
    }

}
