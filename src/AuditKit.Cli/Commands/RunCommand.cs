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
        var report = RunWithProgress(context, console, files, onCase => RecordedRun.Evaluate(context, compiled, files, asOf, calendar, teamDirectory, collectCases, onCase));

        if (report.Submissions.Read == 0)
        {
            foreach (var row in files.Unreadable)
            {
                context.Error.WriteLine($"{row.Source}: error AK3000: {string.Join(" ", row.Reasons)}");
            }

            context.Error.WriteLine("error: No submission rows could be read, so nothing was written. Check the files given with --submissions.");
            return ExitCodes.Invalid;
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

        // The store is recorded before the console summary is drawn: the console is the last and least important output.
        var recorded = store is null ? null : Record(context, store, report);
        RunSummaryRenderer.Render(console, report, folder);
        if (recorded is { } line)
        {
            context.Out.WriteLine(line);
        }

        if (store is not null && recorded is null)
        {
            return ExitCodes.Invalid;
        }

        return report.Rejected.IsEmpty ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    /// <summary>Records the run in the store; the line saying what changed, or null (after saying why) when it failed.</summary>
    internal static string? Record(CliContext context, StoreChoice store, RunReport report)
    {
        try
        {
            return StoreLine(store, RecordedRun.Record(store, report));
        }
        catch (StoreException e)
        {
            context.Error.WriteLine(e.UserMessage);
            return null;
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
        try
        {
            WriteOutputFiles(report, folder, outputs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Could not write the outputs to '{folder}' ({e.GetType().Name}). Close any of its files open in Excel or a browser, check the folder can be written to, and run again.");
        }
    }

    private static void WriteOutputFiles(RunReport report, string folder, IReadOnlySet<string> outputs)
    {
        Directory.CreateDirectory(folder);
        using (var json = OutputFile.Create(Path.Combine(folder, "summary.json")))
        {
            SummaryJsonWriter.Write(report, json);
        }

        using (var rejected = new StreamWriter(OutputFile.Create(Path.Combine(folder, "rejected.csv")), new UTF8Encoding(false)))
        {
            RejectedCsvWriter.Write(report.Rejected, rejected);
        }

        if (outputs.Contains("xlsx"))
        {
            using var workbook = OutputFile.Create(Path.Combine(folder, "compliance.xlsx"));
            new ComplianceWorkbookWriter().Write(report, workbook);
        }

        if (outputs.Contains("html"))
        {
            using var html = new StreamWriter(OutputFile.Create(Path.Combine(folder, "report.html")), new UTF8Encoding(false));
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
