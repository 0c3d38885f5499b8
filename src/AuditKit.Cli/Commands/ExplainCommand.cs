using System.CommandLine;
using System.Globalization;
using System.Text;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Submissions;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit explain</c>: feedback on individual audits. For each audit asked for: every criterion's outcome and
/// why (the rule, the values it read, the result), the score, the grade and the case actions. With <c>--html</c>, a
/// printable feedback document per audit (or one for the batch) in plain words for the practitioner and their manager.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var template = CommonOptions.Template();
        var submissions = CommonOptions.Submissions();
        var rules = CommonOptions.Rules();
        var auditIds = new Option<string[]>("--audit-id", "-a")
        {
            Description = "The audits to explain (repeat, or give several). Default: every audit in the files.",
            AllowMultipleArgumentsPerToken = true,
        };
        var html = new Option<string?>("--html")
        {
            Description = "Write printable feedback documents instead of the console tables: a folder gets one FILE.html per audit; a path ending .html gets one document for all of them, a page break between audits.",
        };
        var asOf = new Option<string?>("--as-of") { Description = "The day the actions are raised (YYYY-MM-DD); a due date before it is flagged in the documents. Default: today." };
        var directory = new Option<string?>("--directory") { Description = "A team directory (teams.yaml) naming the managers who own actions." };
        var command = new Command("explain", "Feedback on individual audits: each criterion's outcome and why, the score, the grade and the case actions.")
        {
            template, submissions, rules, auditIds, html, asOf, directory,
        };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(template)!,
            parse.GetValue(submissions)!,
            parse.GetValue(rules) ?? [],
            parse.GetValue(auditIds) ?? [],
            parse.GetValue(html),
            parse.GetValue(asOf),
            parse.GetValue(directory)));
        return command;
    }

    private static int Execute(
        CliContext context, string templatePath, string[] submissionPaths, string[] rulesDirectories, string[] auditIds, string? htmlPath, string? asOfText, string? directoryPath)
    {
        var asOf = CommonOptions.ParseAsOf(asOfText, context.Today());
        var target = htmlPath is null ? null : FeedbackTarget.Parse(context, htmlPath);
        var calendar = context.Calendar();
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        if (!TeamDirectoryInput.TryLoad(context, directoryPath, out var teamDirectory))
        {
            return ExitCodes.Invalid;
        }

        var wanted = new HashSet<string>(auditIds.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        var files = SubmissionFiles.Expand(context, submissionPaths);
        var validator = new SubmissionValidator(compiled.Template);
        var console = context.CreateConsole();
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var feedback = new List<CaseFeedback>();
        var rejected = 0;
        foreach (var record in files.ReadAll())
        {
            var validation = validator.Validate(record);
            var id = validation.Submission?.AuditId ?? validation.Rejected?.AuditId;
            if (wanted.Count > 0 && (id is null || !wanted.Contains(id)))
            {
                continue;
            }

            if (validation.Rejected is { } row)
            {
                rejected++;
                console.MarkupLine($"[bold]{Markup.Escape(row.AuditId ?? "(no audit id)")}[/] ({Markup.Escape(row.Source)} row {row.Row}) [red]cannot be evaluated[/]: {Markup.Escape(string.Join("; ", row.Reasons))}");
                console.WriteLine();
                continue;
            }

            var submission = validation.Submission!; // Validate gives either a submission or a rejected row.
            found.Add(submission.AuditId);
            if (target is null)
            {
                Render(console, compiled, submission, teamDirectory);
            }
            else
            {
                feedback.Add(CaseFeedback.Create(compiled, submission, asOf, teamDirectory));
            }
        }

        var missing = wanted.Where(w => !found.Contains(w)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 && rejected == 0)
        {
            context.Error.WriteLine($"error: No audit with id {string.Join(", ", missing.Select(m => $"'{m}'"))} in the files given.");
            return ExitCodes.Invalid;
        }

        if (target is not null)
        {
            if (feedback.Count == 0)
            {
                context.Error.WriteLine("error: No audit in the files could be evaluated, so no feedback document was written.");
                return ExitCodes.Invalid;
            }

            context.Out.WriteLine(target.Write(feedback));
        }

        return rejected == 0 ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    internal static void Render(IAnsiConsole console, CompiledRuleSet compiled, Submission submission, TeamDirectory? directory = null)
    {
        var result = compiled.Evaluate(submission);
        var findings = compiled.Explain(submission);
        console.MarkupLine(
            $"[bold]{Markup.Escape(submission.AuditId)}[/]: case {Markup.Escape(submission.CaseRef)} ({Markup.Escape(submission.CaseType)}), " +
            $"{Markup.Escape(submission.Team)}, audited {submission.AuditDate:yyyy-MM-dd} by {Markup.Escape(submission.Auditor)}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Criterion").NoWrap());
        table.AddColumn("Outcome");
        table.AddColumn("Why");
        for (var i = 0; i < findings.Length; i++)
        {
            var finding = findings[i];
            table.AddRow(
                Markup.Escape(finding.CriterionId) + (compiled.Criteria[i].Critical ? " *" : string.Empty),
                OutcomeWords(finding.Outcome),
                Markup.Escape(finding.Explanation.ToString()));
        }

        console.Write(table);
        RenderComments(console, compiled, submission);
        var score = result.Score is { } s ? ActionText.Percent(s) : "n/a (nothing applicable)";
        var auditorGrade = submission.OverallGrade is null ? string.Empty : $" (auditor's own grade: {Markup.Escape(submission.OverallGrade)})";
        console.MarkupLine($"Score {score}; grade [bold]{Markup.Escape(result.Grade ?? "none")}[/]{auditorGrade}.");
        foreach (var action in FollowUpPlanner.PlanCaseActions(compiled.Template.Id, result, directory))
        {
            console.MarkupLine($"  Action for {Markup.Escape(action.Owner)} by {action.Due:yyyy-MM-dd}: {Markup.Escape(action.Text)}");
        }

        foreach (var failure in result.Failures)
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(failure)}[/]");
        }

        console.WriteLine();
    }

    /// <summary>The auditor's comment on each criterion that has one, under the table; each line escaped for the terminal.</summary>
    private static void RenderComments(IAnsiConsole console, CompiledRuleSet compiled, Submission submission)
    {
        if (!submission.Comments.Any(c => c is not null))
        {
            return;
        }

        console.WriteLine("Auditor's comments:");
        for (var i = 0; i < submission.Comments.Length; i++)
        {
            if (submission.Comments[i] is not { } comment)
            {
                continue;
            }

            var lines = comment.ReplaceLineEndings("\n").Split('\n');
            console.WriteLine($"  {compiled.Criteria[i].Id}: {TerminalText.Escape(lines[0])}");
            foreach (var line in lines.Skip(1))
            {
                console.WriteLine("    " + TerminalText.Escape(line));
            }
        }
    }

    private static string OutcomeWords(Outcome outcome) => outcome switch
    {
        Outcome.Met => "[green]met[/]",
        Outcome.Partly => "[yellow]partly[/]",
        Outcome.NotMet => "[red]not met[/]",
        Outcome.NotApplicable => "not applicable",
        _ => "[grey]missing[/]",
    };

    /// <summary>Where <c>--html</c> writes: one document (a path ending .html or .htm) or a folder of one per audit.</summary>
    private sealed class FeedbackTarget
    {
        private readonly string _given;
        private readonly string _path;
        private readonly bool _oneFile;

        private FeedbackTarget(string given, string path, bool oneFile)
        {
            _given = given;
            _path = path;
            _oneFile = oneFile;
        }

        public static FeedbackTarget Parse(CliContext context, string given)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                throw new CliUsageException("--html needs a folder (one document per audit) or a file name ending .html (one document for all).");
            }

            var path = context.PathFor(given.Trim());
            var oneFile = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
            if (oneFile && Directory.Exists(path))
            {
                throw new CliUsageException($"--html '{given}' is a folder, but a name ending .html asks for one document; give a file name, or another folder for one document per audit.");
            }

            if (!oneFile && File.Exists(path))
            {
                throw new CliUsageException($"--html '{given}' is a file; give a folder for one document per audit, or a file name ending .html for one document with every audit.");
            }

            return new FeedbackTarget(given.Trim(), path, oneFile);
        }

        /// <summary>Writes the documents whole (temporary files renamed once all are written); returns the line that says what was written.</summary>
        public string Write(IReadOnlyList<CaseFeedback> feedback)
        {
            var folder = _oneFile ? Path.GetDirectoryName(Path.GetFullPath(_path))! : _path; // A full file path has a folder.
            OutputSet.WriteAll(folder, set =>
            {
                if (_oneFile)
                {
                    WriteDocument(set, Path.GetFileName(_path), feedback);
                }
                else
                {
                    var names = new SafeNames();
                    foreach (var one in feedback)
                    {
                        WriteDocument(set, names.Of(one.Submission.AuditId) + ".html", [one]);
                    }
                }
            });

            var count = feedback.Count.ToString(CultureInfo.InvariantCulture);
            var audits = feedback.Count == 1 ? "1 audit" : $"{count} audits";
            var shown = _given.Replace('\\', '/');
            return _oneFile
                ? $"Wrote the feedback on {audits} to {shown}, each audit on a new page."
                : $"Wrote {(feedback.Count == 1 ? "1 feedback document" : $"{count} feedback documents")} to {shown.TrimEnd('/')}/, one per audit (named by audit id).";
        }

        private static void WriteDocument(OutputSet set, string name, IReadOnlyList<CaseFeedback> feedback)
        {
            using var writer = new StreamWriter(set.Create(name), new UTF8Encoding(false));
            FeedbackHtmlWriter.Write(feedback, writer);
        }
    }
}
