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

        var store = StoreOptions.Create(allowNoStore: true);
        var command = new Command("run", "Evaluate audit submissions against a template: compliance per team and criterion, grades and follow-up actions.")
        {
            template, submissions, rules, asOf, outDir, directory, outputs,
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
            parse.GetValue(outputs)!));
        return command;
    }

    private static int Execute(CliContext context, StoreChoice? store, string templatePath, string[] submissionPaths, string[] rulesDirectories, string? asOfText, string outDir, string? directoryPath, string outputsText)
    {
        var outputs = ParseOutputs(outputsText);
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
        var collectCases = store is not null || outputs.Contains("xlsx");
        var console = context.CreateConsole();
        var knownTeams = RecordedRun.KnownTeams(store);
        var report = RunWithProgress(context, console, files, onCase => RecordedRun.Evaluate(context, compiled, files, asOf, calendar, teamDirectory, collectCases, knownTeams, onCase));

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

        var folder = context.PathFor(outDir);
        WriteOutputs(report, folder, outputs);
        if (outputs.Contains("xlsx"))
        {
            foreach (var note in ComplianceWorkbookWriter.Omissions(report))
            {
                context.Error.WriteLine("note: compliance.xlsx: " + note);
            }
        }

        // The store is the record of the cycle and the console the least of the outputs: record first, whatever the
        // console can draw, then print the summary and the line saying what the store recorded.
        (bool Ok, string Line)? recorded = store is null ? null : Record(store, report);
        RunSummaryRenderer.Render(console, report, folder);
        if (recorded is not null)
        {
            (recorded.Value.Ok ? context.Out : context.Error).WriteLine(recorded.Value.Line);
            if (!recorded.Value.Ok)
            {
                return ExitCodes.Invalid;
            }
        }

        return report.Rejected.IsEmpty ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    /// <summary>Records the run in the store: the line saying what changed, or (not ok) why it failed.</summary>
    private static (bool Ok, string Line) Record(StoreChoice store, RunReport report)
    {
        try
        {
            return (true, StoreLine(store, RecordedRun.Record(store, report)));
        }
        catch (StoreException e)
        {
            return (false, e.UserMessage);
        }
    }

    /// <summary>"Store auditkit.db: 145 audits (145 new, 0 revised, 0 unchanged); 120 actions (120 new, ...)."</summary>
    internal static string StoreLine(StoreChoice store, StoreRunResult result)
    {
        var actions = result.ActionsAdded + result.ActionsRefreshed + result.ActionsUnchanged + result.ActionsKeptClosed;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Store {store.DisplayName}: {result.Cases} audits ({result.Added} new, {result.Revised} revised, {result.Unchanged} unchanged); "
            + $"{actions} actions ({result.ActionsAdded} new, {result.ActionsRefreshed} refreshed, {result.ActionsUnchanged} unchanged, "
            + $"{result.ActionsKeptClosed} kept closed).");
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

    internal static void WriteOutputs(RunReport report, string folder, IReadOnlySet<string> outputs)
    {
        // Each output is written to a temporary file beside it and renamed over the old one only when all are written:
        // a failure leaves the folder as it was, never a truncated summary.json.
        var set = new OutputSet(folder);
        try
        {
            WriteOutputFiles(report, set, outputs);
            set.Commit();
        }
        catch (Exception e) when (OutputSet.IoCause(e) is not null)
        {
            set.Abandon();
            throw new CliUsageException(Diagnostics.Messages.OutputsNotWritten(folder, set.Current ?? folder, OutputSet.IoCause(e)!));
        }
        catch
        {
            set.Abandon();
            throw;
        }
    }

    private static void WriteOutputFiles(RunReport report, OutputSet set, IReadOnlySet<string> outputs)
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
