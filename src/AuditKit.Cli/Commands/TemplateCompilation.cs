using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Templates;

namespace AuditKit.Cli.Commands;

/// <summary>Loads and compiles a template for a command, printing every diagnostic in the contract form.</summary>
internal static class TemplateCompilation
{
    /// <summary>The compiled rule set, or null after printing why it could not be built.</summary>
    public static CompiledRuleSet? LoadAndCompile(CliContext context, string templatePath, IReadOnlyList<string>? rulesDirectories, IWorkingDayCalendar calendar)
    {
        var diagnostics = new List<Diagnostic>();
        var path = context.PathFor(templatePath);
        if (!File.Exists(path))
        {
            context.Error.WriteLine($"{path}: error AK1000: The template file does not exist. Check the path given with --template.");
            return null;
        }

        var loaded = TemplateLoader.Load(path, rulesDirectories?.Select(context.PathFor).ToList());
        diagnostics.AddRange(loaded.Diagnostics);
        CompiledRuleSet? compiled = null;
        if (loaded.Success && loaded.Value is { } template)
        {
            var result = RuleSetCompiler.Compile(template, calendar);
            diagnostics.AddRange(result.Diagnostics);
            compiled = result.Success ? result.Value : null;
        }

        foreach (var diagnostic in diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        return compiled;
    }
}
