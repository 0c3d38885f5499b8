using System.CommandLine;
using System.Globalization;
using System.Text;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.Excel;
using AuditKit.Reporting;
using AuditKit.Store;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit run</c>: evaluate submissions, write summary.json and the reports.</summary>
internal static class RunCommand
{
    private const long ProgressThresholdBytes = 1_000_000;

    public static Command Create(CliContext context)
    {
        var template = CommonOptions.Template();
        var submissions = CommonOptions.Submissions();
        var rules = CommonOptions.Rules();
        var asOf = CommonOptions.AsOf();
        var outDir = new Option<string>("--out", "-o") { Description = "The folder to write summary.json, compliance.xlsx, report.html and rejected.csv to.", Required = true };
        var directory = new Option<string?>("--directory") { Description = "A team directory (teams.yaml) naming team managers, service managers and heads of service." };
        var outputs = new Option<string>("--outputs") { Description = "Which reports to write besides summary.json: json, xlsx, html, comma-separated.", DefaultValueFactory = _ => "json,xlsx,html" };
        var perTeam = new Option<bool>("--per-team") { Description = "Also write a pack for each team: OUT/teams/<team>/report.html and compliance.xlsx, with that team's figures and cases and the service's as benchmarks." };
        var format = new Option<string>("--format")
        {
            Description = "The summary printed on the console: text (tables laid out for the console's width), json, or csv (compliance, one line per criterion and team).",
            DefaultValueFactory = _ => "text",
        };
        var width = new Option<int?>("--width")
        {
            Description = $"The console width to lay the text summary out for, {CliEnvironment.MinWidth} to {CliEnvironment.MaxWidth}. Default: COLUMNS, else the terminal's width, else {CliEnvironment.RedirectedWidth}.",
        };

        var store = StoreOptions.Create(allowNoStore: true);
        var command = new Command("run", "Evaluate audit submissions against a template: compliance per team and criterion, grades and follow-up actions.")
        {
            template, submissions, rules, asOf, outDir, directory, outputs, perTeam, format, width,
        };
        store.AddTo(command);
        command.SetAction(parse => Execute(
            context,
            store.Read(context, parse),
            parse.GetValue(template)!,
            parse.GetValue(submissions)!,
            parse.GetValue(rules) ?? [],
            parse.GetValue(asOf),
            parse.GetValue(outDir)!,
            parse.GetValue(directory),
            parse.GetValue(outputs)!,
            parse.GetValue(perTeam),
            new SummaryFormat(ActionsCommand.ParseFormat(parse.GetValue(format)!, "text", "json", "csv"), ParseWidth(parse.GetValue(width)))));
        return command;
    }

    /// <summary>How the console summary is printed: <c>text</c>, <c>json</c> or <c>csv</c>, and the width text is laid out for.</summary>
    private sealed record SummaryFormat(string Name, int? Width);

    private static int? ParseWidth(int? width) => width is { } w && (w < CliEnvironment.MinWidth || w > CliEnvironment.MaxWidth)
        ? throw new CliUsageException($"--width {w.ToString(CultureInfo.InvariantCulture)} is not a console width; give a number from {CliEnvironment.MinWidth} to {CliEnvironment.MaxWidth}.")
        : width;

    private static int Execute(CliContext context, StoreChoice? store, string templatePath, string[] submissionPaths, string[] rulesDirectories, string? asOfText, string outDir, string? directoryPath, string outputsText, bool perTeam, SummaryFormat summary)
    {
        var outputs = ParseOutputs(outputsText);
        if (perTeam && !outputs.Contains("xlsx") && !outputs.Contains("html"))
        {
            throw new CliUsageException($"--per-team writes each team's report.html and compliance.xlsx, but --outputs '{outputsText}' asks for neither; add html or xlsx to --outputs.");
        }

        var calendar = context.Calendar();
        var asOf = CommonOptions.ParseAsOf(asOfText, context.Today());
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        if (!TeamDirectoryInput.TryLoad(context, directoryPath, out var teamDirectory))
        {
            return ExitCodes.Invalid;
        }

        var files = SubmissionFiles.Expand(context, submissionPaths);
        var collectCases = store is not null || outputs.Contains("xlsx") || perTeam;
        var console = context.CreateConsole(summary.Width);
        var knownTeams = RecordedRun.KnownTeams(store);
        var knownAudits = RecordedRun.KnownAudits(store, compiled.Template.Id);
        var report = RunWithProgress(
            context, console, files, onCase => RecordedRun.Evaluate(context, compiled, files, asOf, calendar, teamDirectory, collectCases, knownTeams, onCase, knownAudits));

        if (report.Submissions.Read == 0)
        {
            foreach (var row in files.Unreadable)
            {
                context.Error.WriteLine(TerminalText.Escape($"{row.Source}: error AK3000: {string.Join(" ", row.Reasons)}"));
            }

            context.Error.WriteLine("error: No submission rows could be read, so nothing was written. Check the files given with --submissions.");
            return ExitCodes.Invalid;
        }

        // The same words about whole files as check says (a misspelt column would otherwise read as blank everywhere).
        foreach (var diagnostic in report.SourceDiagnostics)
        {
            context.Error.WriteLine(TerminalText.Escape(diagnostic.ToString()));
        }

        // The store first: it is the record of the cycle, and the team and service actions of the periods this run touched
        // come from it (planned from all of each period's audits, not from these files alone), so the outputs show the
        // actions the register holds. Then the outputs, then the console, the least of them, whatever it can draw.
        (bool Ok, string Line)? recorded = null;
        if (store is not null)
        {
            var (result, line) = Record(store, report, compiled, calendar, teamDirectory);
            recorded = (result is not null, line);
            if (result is not null)
            {
                report = RecordedRun.WithRecordedActions(report, result);
            }
        }

        var folder = context.PathFor(outDir);
        var packs = WriteOutputs(report, folder, outputs, perTeam);
        if (outputs.Contains("xlsx"))
        {
            foreach (var note in ComplianceWorkbookWriter.Omissions(report))
            {
                context.Error.WriteLine("note: compliance.xlsx: " + note);
            }
        }

        // With --format json or csv, standard output holds only that document; the store's line goes to standard error.
        if (summary.Name == "text")
        {
            RunSummaryRenderer.Render(console, report, folder);
        }
        else
        {
            context.Out.Write(summary.Name == "json" ? RunSummaryDocument.Json(report, folder) : RunSummaryDocument.Csv(report));
            context.Out.Flush();
        }

        if (perTeam)
        {
            (summary.Name == "text" ? context.Out : context.Error).WriteLine(TeamPacks.Line(packs, Path.Combine(outDir, TeamPacks.Folder), outputs));
        }

        if (recorded is not null)
        {
            (recorded.Value.Ok && summary.Name == "text" ? context.Out : context.Error).WriteLine(recorded.Value.Line);
            if (!recorded.Value.Ok)
            {
                return ExitCodes.Invalid;
            }
        }

        return report.Rejected.IsEmpty ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    /// <summary>Records the run in the store: what it recorded and the line saying so, or (no result) why it failed.</summary>
    private static (StoreRunResult? Result, string Line) Record(
        StoreChoice store, RunReport report, CompiledRuleSet rules, Calendar.IWorkingDayCalendar calendar, FollowUps.TeamDirectory? directory)
    {
        try
        {
            var result = RecordedRun.Record(store, report, rules, calendar, directory);
            return (result, StoreLine(store, result));
        }
        catch (StoreException e)
        {
            return (null, e.UserMessage);
        }
    }

    /// <summary>
    /// "Store auditkit.db: 145 audits (145 new, 0 revised, 0 unchanged); 120 actions (120 new, ...); team and service
    /// actions of 2026-10, 2026-11 planned from the 160 audits the store holds for them (12 called for, 0 superseded)."
    /// </summary>
    internal static string StoreLine(StoreChoice store, StoreRunResult result)
    {
        var actions = result.ActionsAdded + result.ActionsRefreshed + result.ActionsUnchanged + result.ActionsKeptClosed;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"Store {store.DisplayName}: {result.Cases} audits ({result.Added} new, {result.Revised} revised, {result.Unchanged} unchanged); "
            + $"{actions} actions ({result.ActionsAdded} new, {result.ActionsRefreshed} refreshed, {result.ActionsUnchanged} unchanged, "
            + $"{result.ActionsKeptClosed} kept closed, {result.ActionsSuperseded} superseded).");
        if (!result.Periods.IsDefaultOrEmpty)
        {
            line += string.Create(
                CultureInfo.InvariantCulture,
                $" Team and service actions of {string.Join(", ", result.Periods.Select(p => p.Period))} planned from the "
                + $"{result.Periods.Sum(p => p.Audits)} audits the store holds for {(result.Periods.Length == 1 ? "it" : "them")} "
                + $"({result.Periods.Sum(p => p.Planned)} called for).");
            foreach (var period in result.Periods)
            {
                foreach (var failure in period.Failures)
                {
                    // An escalation that could not be evaluated: the others were raised.
                    line += $"\nwarning {failure} (escalations of {period.Period})";
                }
            }
        }

        // Which store and why, unless the command line named it: a store chosen by a setting or by default is said so.
        return store.Why is { } why ? $"{line} {why}" : line;
    }

    /// <summary>Runs <paramref name="evaluate"/>, with a progress bar on an interactive console when the files are large.</summary>
    private static RunReport RunWithProgress(CliContext context, IAnsiConsole console, SubmissionFiles files, Func<Action<CaseResult>?, RunReport> evaluate)
    {
        var totalBytes = files.Files.Sum(f => new FileInfo(f).Length);
        if (!context.Environment.Interactive || totalBytes < ProgressThresholdBytes)
        {
            return evaluate(null);
        }

        RunReport? report = null;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("Reading and evaluating audits", maxValue: totalBytes);
                var count = 0;
                report = evaluate(_ =>
                {
                    if (++count % 2000 == 0)
                    {
                        task.Value = Math.Min(files.BytesRead, totalBytes);
                        task.Description = $"Reading and evaluating audits ({count:N0})";
                    }
                });
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Writes the outputs (and with <paramref name="perTeam"/> the team packs); returns the packs' folder names by team.</summary>
    internal static IReadOnlyDictionary<string, string> WriteOutputs(RunReport report, string folder, IReadOnlySet<string> outputs, bool perTeam = false)
    {
        // Each output is written to a temporary file beside it and renamed over the old one only when all are written:
        // a failure leaves the folder as it was, never a truncated summary.json.
        var packs = OutputSet.WriteAll(folder, set =>
        {
            WriteOutputFiles(report, set, outputs);
            return perTeam ? TeamPacks.Write(report, set, outputs) : new Dictionary<string, string>();
        });
        if (perTeam)
        {
            TeamPacks.RemoveStale(Path.Combine(folder, TeamPacks.Folder), packs.Values);
        }

        return packs;
    }

    internal static void WriteOutputFiles(RunReport report, OutputSet set, IReadOnlySet<string> outputs)
    {
        using (var json = set.Create("summary.json"))
        {
            SummaryJsonWriter.Write(report, json);
        }

        using (var rejected = new StreamWriter(set.Create("rejected.csv"), new UTF8Encoding(false)))
        {
            RejectedCsvWriter.Write(report.Rejected, rejected);
        }

        if (outputs.Contains("xlsx"))
        {
            using var workbook = set.Create("compliance.xlsx");
            new ComplianceWorkbookWriter().Write(report, workbook);
        }

        if (outputs.Contains("html"))
        {
            using var html = new StreamWriter(set.Create("report.html"), new UTF8Encoding(false));
            HtmlReportWriter.Write(report, html);
        }
    }

    internal static IReadOnlySet<string> ParseOutputs(string text)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "json", "xlsx", "html" };
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = part.ToLowerInvariant();
            if (!known.Contains(name))
            {
                throw new CliUsageException($"--outputs '{part}' is not an output; choose from json, xlsx, html (summary.json is always written).");
            }

            chosen.Add(name);
        }

        return chosen;
    }
}
