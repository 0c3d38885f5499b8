using System.CommandLine;
using System.Globalization;
using AuditKit.Cli.Hosting;
using AuditKit.Compliance;
using AuditKit.Diagnostics;
using AuditKit.Moderation;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit moderation</c>: how far first auditors and moderators agree, from the moderation audits in the store: per
/// criterion (agreement, kappa with its 95% interval, weighted kappa, PABAK), per first auditor, and for grades.
/// </summary>
internal static class ModerationCommand
{
    public static Command Create(CliContext context)
    {
        var template = new Option<string>("--template", "-t")
        {
            Description = "The template's YAML file, or its id (then read from templates/ID.yaml in the current folder).",
            Required = true,
        };
        var rules = CommonOptions.Rules();
        var period = new Option<string?>("--period") { Description = "Only first audits dated in this month (2026-11) or quarter (2026-Q3). Default: every period." };
        var from = new Option<string?>("--from") { Description = "The first month or quarter of a run of them (with --to)." };
        var to = new Option<string?>("--to") { Description = "The last month or quarter of a run of them (with --from)." };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Criteria whose kappa is below this are flagged for their guidance to be rewritten (0 to 1).",
            DefaultValueFactory = _ => AgreementReport.DefaultThreshold,
        };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        var store = StoreOptions.Create();
        var command = new Command("moderation", "Agreement between auditors and moderators: per criterion (kappa), per auditor, and for grades.")
        {
            template, rules, period, from, to, threshold, format,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var formatText = ActionsCommand.ParseFormat(parse.GetValue(format)!, "table", "json");
            var limit = parse.GetValue(threshold);
            if (!(limit is >= 0 and <= 1))
            {
                throw new CliUsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--threshold {limit} is not a kappa to flag criteria below; give a number from 0 to 1, for example --threshold 0.6."));
            }

            var periods = parse.GetValue(period) is null && parse.GetValue(from) is null && parse.GetValue(to) is null
                ? ((ReportingPeriod First, ReportingPeriod Last)?)null
                : ReportCommand.Periods(parse.GetValue(period), parse.GetValue(from), parse.GetValue(to));
            var compiled = TemplateCompilation.LoadAndCompile(
                context, ReportCommand.TemplatePath(context, parse.GetValue(template)!), parse.GetValue(rules) ?? [], context.Calendar());
            if (compiled is null)
            {
                return ExitCodes.Invalid;
            }

            var choice = store.Read(context, parse)!;
            return ActionsCommand.WithStore(context, choice, opened =>
            {
                var templateId = compiled.Template.Id;
                if (!opened.TemplateIds().Contains(templateId, StringComparer.Ordinal))
                {
                    context.Error.WriteLine($"error {Messages.Moderation.TemplateUnknownCode}: {Messages.StoreTemplateUnknown(templateId, choice.DisplayName)}");
                    return ExitCodes.Invalid;
                }

                var report = Agreement(opened, compiled.Template, periods?.First, periods?.Last, threshold: limit);
                if (report is null)
                {
                    var named = periods is { } p ? new ReportPeriods(p.First, p.Last).ToString() : null;
                    context.Error.WriteLine($"error {Messages.Moderation.NoPairsCode}: {Messages.Moderation.NoPairs(templateId, named, choice.DisplayName)}");
                    return ExitCodes.Invalid;
                }

                if (formatText == "json")
                {
                    context.Out.Write(AgreementJson.Write(report));
                }
                else
                {
                    Render(context.CreateConsole(), compiled.Template, report, periods is { } p ? new ReportPeriods(p.First, p.Last) : null);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>
    /// The agreement of the template's moderation pairs whose first audits are dated in the periods (and are of one team when
    /// given); null when there are none.
    /// </summary>
    internal static AgreementReport? Agreement(
        IAuditStore store, AuditTemplate template, ReportingPeriod? from, ReportingPeriod? to, string? team = null, double threshold = AgreementReport.DefaultThreshold)
    {
        var pairs = store.ReadModeration(template.Id, from, to, [.. template.Criteria.Select(c => c.Id)]);
        if (team is not null)
        {
            pairs = [.. pairs.Where(p => string.Equals(p.First.Team, team, StringComparison.Ordinal))];
        }

        return pairs.Count == 0 ? null : AgreementCalculator.Calculate(template, pairs, threshold);
    }

    private static void Render(IAnsiConsole console, AuditTemplate template, AgreementReport report, ReportPeriods? periods)
    {
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Moderation of {template.Title} ({template.Id}){(periods is null ? string.Empty : $", first audits of {periods}")}: {report.Pairs} pair(s) of audits of the same case by two auditors."));
        console.WriteLine();

        var criteria = new Table().Border(TableBorder.Rounded).Title("Agreement by criterion");
        criteria.AddColumn("Criterion");
        criteria.AddColumn(new TableColumn("Pairs").RightAligned());
        criteria.AddColumn(new TableColumn("Agreement").RightAligned());
        criteria.AddColumn(new TableColumn("Kappa (95% interval)").RightAligned());
        criteria.AddColumn(new TableColumn("Weighted kappa").RightAligned());
        criteria.AddColumn(new TableColumn("PABAK").RightAligned());
        criteria.AddColumn("Flag");
        foreach (var c in report.Criteria)
        {
            criteria.AddRow(
                Markup.Escape(c.Id),
                Count(c.Pairs),
                Percent(c.Agreement),
                c.Kappa is { } k ? Number(k.Value) + (k.Low is { } low && k.High is { } high ? $" ({Number(low)} to {Number(high)})" : " (one pair: no interval)") : c.NoVariation ? "undefined: no variation" : "-",
                c.WeightedKappa is { } w ? Number(w) : "-",
                c.Pabak is { } pabak ? Number(pabak) : "-",
                c.Flagged ? "[yellow]below " + Number(report.Threshold) + "[/]" : string.Empty);
        }

        console.Write(criteria);
        console.WriteLine("Kappa: over met, partly, not met and not applicable (a pair with a blank answer left out). Weighted kappa: "
            + "linear weights over met, partly, not met. PABAK: kappa adjusted for prevalence and bias, (4 x agreement - 1) / 3.");
        foreach (var c in report.Criteria.Where(c => c.NoVariation))
        {
            console.WriteLine($"{c.Id}: kappa is {Messages.Moderation.Undefined}.");
        }

        foreach (var c in report.Flagged)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Flagged: {c.Id} (kappa {Number(c.Kappa!.Value.Value)}): {Messages.Moderation.Advice}."));
        }

        console.WriteLine();
        var auditors = new Table().Border(TableBorder.Rounded).Title("First auditors against their moderators");
        auditors.AddColumn("Auditor");
        auditors.AddColumn(new TableColumn("Pairs").RightAligned());
        auditors.AddColumn(new TableColumn("Outcomes compared").RightAligned());
        auditors.AddColumn(new TableColumn("Agreement").RightAligned());
        auditors.AddColumn(new TableColumn("More favourable").RightAligned());
        auditors.AddColumn(new TableColumn("Less favourable").RightAligned());
        auditors.AddColumn(new TableColumn("Applies or not").RightAligned());
        auditors.AddColumn("Direction");
        foreach (var a in report.Auditors)
        {
            auditors.AddRow(
                Markup.Escape(a.Auditor), Count(a.Pairs), Count(a.Compared), Percent(a.Agreement), Count(a.MoreFavourable), Count(a.LessFavourable),
                Count(a.Applicability), a.Direction ?? "-");
        }

        console.Write(auditors);
        console.WriteLine("More favourable: the first auditor judged a standard better met than the moderator did (met against partly or not met, partly against not met); less favourable: worse.");

        console.WriteLine();
        var g = report.Grades;
        var grades = new Table().Border(TableBorder.Rounded).Title("Grades: first audit (rows) against moderation (columns)");
        grades.AddColumn("First grade");
        foreach (var grade in g.Scale)
        {
            grades.AddColumn(new TableColumn(Markup.Escape(grade)).RightAligned());
        }

        for (var i = 0; i < g.Scale.Length; i++)
        {
            grades.AddRow([Markup.Escape(g.Scale[i]), .. Enumerable.Range(0, g.Scale.Length).Select(j => Count(g.Counts[i, j]))]);
        }

        console.Write(grades);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Grades agree in {Percent(g.Agreement)} of {g.Pairs} pair(s); weighted kappa on the grade scale {(g.WeightedKappa is { } wk ? Number(wk) : "undefined")}; "
            + $"the first grade was better in {g.MoreFavourable}, worse in {g.LessFavourable}."));
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => (Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.0).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double? fraction) => fraction is { } f ? ActionText.Percent(f) : "-";
}
