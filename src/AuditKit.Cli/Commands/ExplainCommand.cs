using System.CommandLine;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Submissions;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit explain</c>: feedback on individual audits. For each audit asked for: every criterion's outcome and
/// why (the rule, the values it read, the result), the score, the grade and the case actions.
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
        var command = new Command("explain", "Feedback on individual audits: each criterion's outcome and why, the score, the grade and the case actions.")
        {
            template, submissions, rules, auditIds,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(template)!, parse.GetValue(submissions)!, parse.GetValue(rules) ?? [], parse.GetValue(auditIds) ?? []));
        return command;
    }

    private static int Execute(CliContext context, string templatePath, string[] submissionPaths, string[] rulesDirectories, string[] auditIds)
    {
        var calendar = context.Calendar();
        var compiled = TemplateCompilation.LoadAndCompile(context, templatePath, rulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        var wanted = new HashSet<string>(auditIds.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        var files = SubmissionFiles.Expand(context, submissionPaths);
        var validator = new SubmissionValidator(compiled.Template);
        var console = context.CreateConsole();
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
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
            Render(console, compiled, submission);
        }

        var missing = wanted.Where(w => !found.Contains(w)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 && rejected == 0)
        {
            context.Error.WriteLine($"error: No audit with id {string.Join(", ", missing.Select(m => $"'{m}'"))} in the files given.");
            return ExitCodes.Invalid;
        }

        return rejected == 0 ? ExitCodes.Ok : ExitCodes.SomeRejected;
    }

    internal static void Render(IAnsiConsole console, CompiledRuleSet compiled, Submission submission)
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
        foreach (var action in FollowUpPlanner.PlanCaseActions(compiled.Template.Id, result, directory: null))
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
}
