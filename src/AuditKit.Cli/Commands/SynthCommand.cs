using System.CommandLine;
using System.Globalization;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Synthesis;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit synth</c>: realistic synthetic submissions for any template, for training, demos and measuring.</summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var template = CommonOptions.Template();
        var rules = CommonOptions.Rules();
        var count = new Option<int>("--count", "-n") { Description = "How many audits to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The same seed always gives the same file.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string>("--out", "-o") { Description = "The CSV file to write.", Required = true };
        var teams = new Option<int>("--teams") { Description = "How many teams.", DefaultValueFactory = _ => 6 };
        var months = new Option<int>("--months") { Description = "How many months of audits, ending with --end-month.", DefaultValueFactory = _ => 3 };
        var endMonth = new Option<string>("--end-month") { Description = "The last month of audits, YYYY-MM.", DefaultValueFactory = _ => "2026-11" };
        var blankShare = new Option<double>("--blank-share") { Description = "Share of optional cells left blank (0 to 1).", DefaultValueFactory = _ => 0.02 };
        var broken = new Option<int>("--broken-rows") { Description = "Deliberately broken rows, to see what rejection looks like.", DefaultValueFactory = _ => 0 };
        var command = new Command("synth", "Write realistic synthetic audit submissions for a template (CSV).")
        {
            template, rules, count, seed, outFile, teams, months, endMonth, blankShare, broken,
        };
        command.SetAction(parse =>
        {
            var end = ParseMonth(parse.GetValue(endMonth)!);
            var options = new SynthesisOptions(parse.GetValue(count), parse.GetValue(seed))
            {
                Teams = parse.GetValue(teams),
                Months = parse.GetValue(months),
                EndMonth = end,
                BlankShare = parse.GetValue(blankShare),
                BrokenRows = parse.GetValue(broken),
            };
            return Execute(context, parse.GetValue(template)!, parse.GetValue(rules) ?? [], options, parse.GetValue(outFile)!);
        });
        return command;
    }

    private static int Execute(CliContext context, string templatePath, string[] rulesDirectories, SynthesisOptions options, string outFile)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new CliUsageException(string.Join(" ", problems));
        }

        var calendar = context.Calendar();
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        var path = context.PathFor(outFile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using (var writer = new StreamWriter(OutputFile.Create(path), new UTF8Encoding(false), 1 << 16))
        {
            new SubmissionSynthesizer().Write(compiled.Template, options, writer);
        }

        context.Out.WriteLine($"Wrote {options.Count.ToString("N0", CultureInfo.InvariantCulture)} synthetic audits for '{compiled.Template.Id}' to {path} (seed {options.Seed}).");
        return ExitCodes.Ok;
    }

    private static DateOnly ParseMonth(string text) =>
        IsoDate.TryParse(text.Trim() + "-01", out var date)
            ? date
            : throw new CliUsageException($"--end-month '{text}' is not a month; write it as YYYY-MM, for example 2026-11.");
}
