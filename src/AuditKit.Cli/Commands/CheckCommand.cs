using System.CommandLine;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Runs;
using AuditKit.Templates;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit check</c>: read and validate submissions without evaluating them; say row by row what to fix.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var template = CommonOptions.Template();
        var submissions = CommonOptions.Submissions();
        var rules = CommonOptions.Rules();
        var asOf = CommonOptions.AsOf();
        asOf.Description = "The date to treat as today (YYYY-MM-DD): audit dates after it, or years before it, are warned about. Default: today.";
        var command = new Command("check", "Check audit submissions before sending them in: every problem, row by row, without evaluating.")
        {
            template, submissions, rules, asOf,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(template)!, parse.GetValue(submissions)!, parse.GetValue(rules) ?? [], parse.GetValue(asOf)));
        return command;
    }

    private static int Execute(CliContext context, string templatePath, string[] submissionPaths, string[] rulesDirectories, string? asOfText)
    {
        var calendar = context.Calendar();
        var asOf = CommonOptions.ParseAsOf(asOfText, context.Today());
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        var files = SubmissionFiles.Expand(context, submissionPaths);
        var report = AuditRunner.Check(compiled.Template, files.ReadAll(), asOf: asOf);
        var output = context.Out;

        foreach (var warning in report.SourceDiagnostics)
        {
            output.WriteLine(TerminalText.Escape(warning.ToString()));
        }

        foreach (var row in files.Unreadable.Concat(report.Rejected))
        {
            var where = row.Row == 0 ? row.Source : $"{row.Source} row {row.Row}";
            var id = row.AuditId is null ? string.Empty : $" (audit {row.AuditId})";
            output.WriteLine(TerminalText.Escape($"{where}{id}:"));
            foreach (var reason in row.Reasons)
            {
                output.WriteLine($"  - {TerminalText.Escape(reason)}");
            }
        }

        var counts = report.Submissions;
        var fileWord = files.Files.Count == 1 ? "file" : "files";
        output.WriteLine($"Checked {counts.Read} row(s) in {files.Files.Count} {fileWord}: {counts.Accepted} ready, {counts.Rejected} to fix.");
        foreach (var field in report.DataQuality.OverThreshold)
        {
            output.WriteLine($"Data quality: '{field.Field}' is blank in {field.Blank} of {field.Total} rows ({ActionText.Percent(field.Share)}), above the {ActionText.Percent(report.DataQuality.Threshold)} threshold.");
        }

        if (counts.Read == 0)
        {
            context.Error.WriteLine("error: No submission rows could be read. Check the files given with --submissions.");
            return ExitCodes.Invalid;
        }

        if (counts.Rejected == 0 && files.Unreadable.Count == 0)
        {
            output.WriteLine("Every row is ready to send.");
            return ExitCodes.Ok;
        }

        return ExitCodes.SomeRejected;
    }
}
