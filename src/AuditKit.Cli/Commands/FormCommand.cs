using System.CommandLine;
using AuditKit.Cli.Hosting;
using AuditKit.Excel;
using AuditKit.Submissions;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit form</c>: an Excel audit form made from a template, one row per case to audit.</summary>
internal static class FormCommand
{
    public static Command Create(CliContext context)
    {
        var template = CommonOptions.Template();
        var rules = CommonOptions.Rules();
        var cases = new Option<string?>("--cases") { Description = "A caseload extract (.csv, .xlsx or .json) with case_ref, case_type, team, practitioner, ...: one form row per case." };
        var outFile = new Option<string>("--out", "-o") { Description = "The .xlsx form to write.", Required = true };
        var rows = new Option<int>("--rows") { Description = "Empty rows to provide when no --cases are given.", DefaultValueFactory = _ => 20 };
        var command = new Command("form", "Make an Excel audit form from a template, prefilled from a caseload extract.")
        {
            template, rules, cases, outFile, rows,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(template)!, parse.GetValue(rules) ?? [], parse.GetValue(cases), parse.GetValue(outFile)!, parse.GetValue(rows)));
        return command;
    }

    private static int Execute(CliContext context, string templatePath, string[] rulesDirectories, string? casesPath, string outFile, int rows)
    {
        if (rows is < 0 or > 100_000)
        {
            throw new CliUsageException($"--rows {rows} is out of range; give a number from 0 to 100000.");
        }

        var calendar = context.Calendar();
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        List<IReadOnlyDictionary<string, string?>>? caseRows = null;
        if (casesPath is not null)
        {
            var files = SubmissionFiles.Expand(context, [casesPath]);
            caseRows = [.. files.ReadAll().Select(ToDictionary)];
            if (files.Unreadable.Count > 0)
            {
                foreach (var problem in files.Unreadable)
                {
                    context.Error.WriteLine($"{problem.Source}: error AK3000: {string.Join(" ", problem.Reasons)}");
                }

                return ExitCodes.Invalid;
            }
        }

        var path = context.PathFor(outFile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using (var stream = OutputFile.Create(path))
        {
            new AuditFormWriter().Write(compiled.Template, caseRows, rows, stream);
        }

        var count = caseRows?.Count ?? rows;
        context.Out.WriteLine($"Wrote {path}: an audit form for '{compiled.Template.Title}' with {count} row(s) to fill in.");
        return ExitCodes.Ok;
    }

    private static IReadOnlyDictionary<string, string?> ToDictionary(RawRecord record)
    {
        var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < record.Header.Count && i < record.Cells.Length; i++)
        {
            cells.TryAdd(record.Header[i], record.Cells[i]);
        }

        return cells;
    }
}
