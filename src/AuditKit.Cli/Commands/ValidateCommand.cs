using System.CommandLine;
using AuditKit.Cli.Hosting;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Templates;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit validate PATH...</c>: checks templates and rule sets (files or folders). Every problem is printed on
/// its own line as <c>path:line:column: error AKnnnn: message</c>. Exit 0 when all are valid, 2 when not.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Template, rule set and programme files, or folders of them.", Arity = ArgumentArity.OneOrMore };
        var rules = CommonOptions.Rules();
        var command = new Command("validate", "Check audit templates and rule sets; report every problem with its line and column.")
        {
            paths, rules,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(paths)!, parse.GetValue(rules) ?? []));
        return command;
    }

    private static int Execute(CliContext context, string[] paths, string[] rulesDirectories)
    {
        var calendar = context.Calendar();
        var rulesDirs = rulesDirectories.Select(context.PathFor).ToList();
        var (files, problems) = AuditFiles.Discover(paths.Select(context.PathFor));
        var diagnostics = new List<Diagnostic>(problems);
        var templates = 0;
        var ruleSets = 0;
        var programmes = 0;

        foreach (var file in files)
        {
            switch (AuditFiles.DetectKind(file))
            {
                case AuditFileKind.RuleSet:
                    ruleSets++;
                    diagnostics.AddRange(TemplateValidator.ValidateRuleSet(file));
                    break;
                case AuditFileKind.Programme:
                    programmes++;
                    diagnostics.AddRange(Programme.ProgrammeLoader.Load(file).Diagnostics);
                    break;
                default:
                    templates++;
                    diagnostics.AddRange(TemplateValidator.ValidateTemplate(file, rulesDirs, calendar).Diagnostics);
                    break;
            }
        }

        var unique = diagnostics.Distinct()
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        foreach (var diagnostic in unique)
        {
            context.Out.WriteLine(diagnostic.ToString());
        }

        var errors = unique.Count(d => d.IsError);
        var kinds = programmes == 0
            ? $"{templates} template(s) and {ruleSets} rule set(s)"
            : $"{templates} template(s), {ruleSets} rule set(s) and {programmes} programme(s)";
        context.Out.WriteLine(errors == 0
            ? $"{kinds} are valid."
            : $"{errors} error(s) in {unique.Where(d => d.IsError).Select(d => d.Location.File).Distinct(StringComparer.Ordinal).Count()} file(s); {kinds} checked.");
        return errors == 0 && files.Length + problems.Length > 0 ? ExitCodes.Ok : ExitCodes.Invalid;
    }
}
