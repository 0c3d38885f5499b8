using System.CommandLine;
using System.Globalization;
using AuditKit.Cli.Hosting;
using AuditKit.Compliance;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Submissions;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit report</c>: summary.json, compliance.xlsx and report.html for a month, a quarter or a run of them, made
/// from the store (every current revision recorded by any run), in the shapes <c>run</c> writes.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var template = new Option<string[]>("--template", "-t")
        {
            Description = "The template's YAML file, or its id (then read from templates/ID.yaml in the current folder). "
                + "Given more than once: the standards those templates share, rolled up (standards.json, standards.html).",
        };
        var allTemplates = new Option<bool>("--all-templates")
        {
            Description = "The standards that the templates recorded in the store share, rolled up (standards.json, standards.html).",
        };
        var rules = CommonOptions.Rules();
        var period = new Option<string?>("--period") { Description = "One month (2026-11) or quarter (2026-Q3)." };
        var from = new Option<string?>("--from") { Description = "The first month or quarter of a run of them (with --to)." };
        var to = new Option<string?>("--to") { Description = "The last month or quarter of a run of them (with --from)." };
        var team = new Option<string?>("--team") { Description = "Only this team's audits and actions." };
        var outDir = new Option<string>("--out", "-o") { Description = "The folder to write summary.json, compliance.xlsx and report.html to.", Required = true };
        var outputs = new Option<string>("--outputs") { Description = "Which reports to write besides summary.json: json, xlsx, html, comma-separated.", DefaultValueFactory = _ => "json,xlsx,html" };
        var perTeam = new Option<bool>("--per-team") { Description = "Also write a pack for each team: OUT/teams/<team>/report.html and compliance.xlsx, as run --per-team does." };
        var programme = new Option<string?>("--programme") { Description = "An audit programme (programme.yaml): adds where its rounds stand in the reported periods to summary.json, the workbook and report.html." };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create();
        var command = new Command("report", "Compliance, grades and actions of a month, a quarter or a run of them, from every audit the store holds for them.")
        {
            template, allTemplates, rules, period, from, to, team, outDir, outputs, perTeam, programme, asOf,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var (first, last) = Periods(parse.GetValue(period), parse.GetValue(from), parse.GetValue(to));
            var chosen = RunCommand.ParseOutputs(parse.GetValue(outputs)!);
            var packs = parse.GetValue(perTeam);
            if (packs && !chosen.Contains("xlsx") && !chosen.Contains("html"))
            {
                throw new CliUsageException($"--per-team writes each team's report.html and compliance.xlsx, but --outputs '{parse.GetValue(outputs)}' asks for neither; add html or xlsx to --outputs.");
            }

            var templates = parse.GetValue(template) ?? [];
            var all = parse.GetValue(allTemplates);
            if (all || templates.Length > 1)
            {
                if (all && templates.Length > 0)
                {
                    throw new CliUsageException("Give either --template (once or more) or --all-templates, not both.");
                }

                if (parse.GetValue(programme) is not null)
                {
                    throw new CliUsageException("--programme adds the programme to one template's report; a report across templates writes standards.json and standards.html only. Leave out --programme, or give one --template.");
                }

                if (packs)
                {
                    throw new CliUsageException("--per-team writes one template's team packs; a report across templates writes standards.json and standards.html only. Leave out --per-team, or give one --template.");
                }

                var across = new StandardsRequest(all ? null : templates, new ReportPeriods(first, last), parse.GetValue(team)?.Trim(), chosen, parse.GetValue(outDir)!);
                return StandardsReportCommand.Execute(context, store.Read(context, parse)!, across, parse.GetValue(rules) ?? []);
            }

            if (templates.Length == 0)
            {
                throw new CliUsageException("Say which template to report: --template ID or FILE (more than once for the standards several templates share), or --all-templates.");
            }

            var calendar = context.Calendar();
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            var compiled = TemplateCompilation.LoadAndCompile(context, TemplatePath(context, templates[0]), parse.GetValue(rules) ?? [], calendar);
            if (compiled is null)
            {
                return ExitCodes.Invalid;
            }

            Programme.AuditProgramme? loadedProgramme = null;
            if (parse.GetValue(programme) is { } programmePath)
            {
                loadedProgramme = ProgrammeCommand.Load(context, programmePath);
                if (loadedProgramme is null)
                {
                    return ExitCodes.Invalid;
                }
            }

            var teamName = parse.GetValue(team)?.Trim();
            var choice = store.Read(context, parse)!;
            return ActionsCommand.WithStore(context, choice, opened =>
            {
                var templateId = compiled.Template.Id;
                if (!opened.TemplateIds().Contains(templateId, StringComparer.Ordinal))
                {
                    context.Error.WriteLine($"error {Messages.StoreTemplateUnknownCode}: {Messages.StoreTemplateUnknown(templateId, choice.DisplayName)}");
                    return ExitCodes.Invalid;
                }

                var periods = new ReportPeriods(first, last);
                var stored = opened.ReadReport(templateId, first, last, [.. compiled.Template.Criteria.Select(c => c.Id)], teamName);
                if (stored.Cases.Count == 0)
                {
                    context.Error.WriteLine(
                        $"error {Messages.StoreNoAuditsInPeriodCode}: {Messages.StoreNoAuditsInPeriod(templateId, periods.ToString(), teamName, choice.DisplayName)}");
                    return ExitCodes.Invalid;
                }

                var report = Build(compiled.Template, date, periods, stored) with
                {
                    // Only when the periods have moderation pairs, so that a report without them is what it always was.
                    Agreement = ModerationCommand.Agreement(opened, compiled.Template, first, last, teamName),
                };
                if (loadedProgramme is not null)
                {
                    report = report with { Programme = ProgrammeCommand.StatusOf(opened, loadedProgramme, date, (first.First, last.Last, periods.ToString()), null) };
                }

                var folder = context.PathFor(parse.GetValue(outDir)!);
                var written = RunCommand.WriteOutputs(report, folder, chosen, packs);
                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Report of {periods}{(teamName is null ? string.Empty : $" for {teamName}")} from {choice.DisplayName}: {report.Submissions.Accepted} audits, "
                    + $"{report.Actions.Count} actions. Outputs written to {parse.GetValue(outDir)}."));
                if (packs)
                {
                    context.Out.WriteLine(TeamPacks.Line(written, Path.Combine(parse.GetValue(outDir)!, TeamPacks.Folder), chosen));
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>The report of what the store holds for the periods: figures worked out as a run works them out.</summary>
    internal static RunReport Build(Templates.AuditTemplate template, DateOnly asOf, ReportPeriods periods, StoredReport stored)
    {
        var calculator = new ComplianceCalculator(template);
        foreach (var row in stored.Cases)
        {
            calculator.Add(row);
        }

        var audits = stored.Cases.Count;
        return new RunReport
        {
            Template = template,
            AsOf = asOf,
            Submissions = new SubmissionCounts(audits, audits, 0),
            Compliance = calculator.Complete(),
            Actions = RunActions.From(stored.Actions),
            Rejected = [],
            // Blank cells are counted as files are read; the store keeps outcomes, not the cells.
            DataQuality = new DataQualityReport(DataQualityReport.DefaultThreshold, []),
            Cases = [.. stored.Cases],
            Period = periods,
        };
    }

    /// <summary>The first and last period asked for: --period alone, or --from with --to, of one length.</summary>
    internal static (ReportingPeriod First, ReportingPeriod Last) Periods(string? period, string? from, string? to)
    {
        const string Examples = "for example --period 2026-11, --period 2026-Q3, or --from 2026-06 --to 2026-11";
        if (period is not null)
        {
            if (from is not null || to is not null)
            {
                throw new CliUsageException($"Give either --period or --from and --to, not both ({Examples}).");
            }

            var one = Parse("--period", period, Examples);
            return (one, one);
        }

        if (from is null || to is null)
        {
            throw new CliUsageException($"Say which period to report: {Examples}.");
        }

        var first = Parse("--from", from, Examples);
        var last = Parse("--to", to, Examples);
        if (first.Length != last.Length)
        {
            throw new CliUsageException($"--from '{from}' and --to '{to}' must both be months or both be quarters.");
        }

        if (last.CompareTo(first) < 0)
        {
            throw new CliUsageException($"--to '{to}' comes before --from '{from}'; give the earlier period with --from.");
        }

        return (first, last);
    }

    private static ReportingPeriod Parse(string option, string text, string examples) =>
        ReportingPeriod.TryParse(text, out var parsed)
            ? parsed
            : throw new CliUsageException($"{option} '{text}' is not a month (yyyy-MM) or a quarter (yyyy-Qn); {examples}.");

    /// <summary>A template file as given, or templates/ID.yaml when an id is given and that file exists.</summary>
    internal static string TemplatePath(CliContext context, string given)
    {
        if (File.Exists(context.PathFor(given)) || given.Contains('/', StringComparison.Ordinal) || given.Contains('\\', StringComparison.Ordinal)
            || given.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || given.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return given;
        }

        var byId = Path.Combine("templates", given.Trim() + ".yaml");
        return File.Exists(context.PathFor(byId))
            ? byId
            : throw new CliUsageException(
                $"--template '{given}' is neither a file nor the id of a template in {Path.Combine(context.PathFor("templates"), given.Trim() + ".yaml")}; "
                + "give the path of the template's YAML file (a report needs its criteria's wording, which the store does not keep).");
    }
}
