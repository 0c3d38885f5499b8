using System.CommandLine;
using System.Globalization;
using AuditKit.Cli.Hosting;
using AuditKit.Compliance.Trends;
using AuditKit.Diagnostics;
using AuditKit.Store;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit trend</c>: monthly compliance from the history store as p-charts with special-cause signals.</summary>
internal static class TrendCommand
{
    public static Command Create(CliContext context)
    {
        var template = new Option<string>("--template", "-t") { Description = "The template id (or its YAML file).", Required = true };
        var team = new Option<string?>("--team") { Description = "Only this team (no all-teams series)." };
        var criterion = new Option<string?>("--criterion") { Description = "Only this criterion id." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        var rules = CommonOptions.Rules();
        var store = StoreOptions.Create();
        var command = new Command("trend", "Compliance by month with the p-chart centre line, 3-sigma limits and special-cause signals.")
        {
            template, team, criterion, format, rules,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var formatText = ActionsCommand.ParseFormat(parse.GetValue(format)!, "table", "json");
            var templateId = TemplateId(context, parse.GetValue(template)!, parse.GetValue(rules) ?? []);
            if (templateId is null)
            {
                return ExitCodes.Invalid;
            }

            var choice = store.Read(context, parse)!;
            return ActionsCommand.WithStore(context, choice, opened =>
            {
                if (!opened.TemplateIds().Contains(templateId, StringComparer.Ordinal))
                {
                    context.Error.WriteLine($"error {Messages.StoreTemplateUnknownCode}: {Messages.StoreTemplateUnknown(templateId, choice.DisplayName)}");
                    return ExitCodes.Invalid;
                }

                var report = opened.Trend(templateId, parse.GetValue(team), parse.GetValue(criterion));
                if (formatText == "json")
                {
                    context.Out.Write(TrendJson.Write(report) + "\n");
                }
                else
                {
                    Render(context.CreateConsole(), report);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>The id as given, or the id of the template file it names (null after printing why it could not be read).</summary>
    internal static string? TemplateId(CliContext context, string given, IReadOnlyList<string> rules)
    {
        var path = context.PathFor(given);
        if (!File.Exists(path))
        {
            return given.Trim();
        }

        var loaded = TemplateLoader.Load(path, rules.Select(context.PathFor).ToList());
        // A template with errors still carries a best-effort model; only a valid one names the template.
        if (loaded.Success && loaded.Value is { } template)
        {
            return template.Id;
        }

        foreach (var diagnostic in loaded.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        context.Error.WriteLine($"error {Messages.StoreTemplateUnreadableCode}: {Messages.StoreTemplateUnreadable(path)}");
        return null;
    }

    private static void Render(IAnsiConsole console, TrendReport report)
    {
        if (report.Series.IsEmpty)
        {
            console.WriteLine($"No audits of '{report.Template}' match.");
            return;
        }

        foreach (var series in report.Series)
        {
            var title = $"[bold]{Markup.Escape(series.Team ?? "All teams")}[/] - {Markup.Escape(series.Criterion)}";
            if (series.Centre is { } centre)
            {
                title += $" (centre line {Pct(centre)})";
            }

            var flagged = series.Signals
                .SelectMany(s => s.Periods.Select(p => (Period: p, Text: $"{s.Type.ToContractName()} {s.Direction.ToContractName()}")))
                .GroupBy(x => x.Period, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(x => x.Text)), StringComparer.Ordinal);
            var table = new Table().Border(TableBorder.Rounded).Title(title);
            table.AddColumn("Month");
            table.AddColumn(new TableColumn("n").RightAligned());
            table.AddColumn(new TableColumn("Compliance").RightAligned());
            table.AddColumn(new TableColumn("Lower limit").RightAligned());
            table.AddColumn(new TableColumn("Upper limit").RightAligned());
            table.AddColumn("Signal");
            foreach (var point in series.Points)
            {
                var signal = flagged.GetValueOrDefault(point.Period);
                table.AddRow(
                    point.Period,
                    point.N.ToString(CultureInfo.InvariantCulture),
                    Pct(point.Compliance),
                    Pct(point.Lcl),
                    Pct(point.Ucl),
                    signal is null ? string.Empty : $"[yellow]{Markup.Escape(signal)}[/]");
            }

            console.Write(table);
        }

        console.MarkupLine("[grey]Compliance = (met + partly x weight) / (met + partly + not met) per month. Limits: centre line -/+ 3 sigma. " +
            "Signals: outside_limits (a point beyond a limit), shift (7+ points on one side of the centre), trend (7+ points rising or falling).[/]");
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
