using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;

namespace AuditKit.Cli.Commands;

/// <summary>Loads and compiles a template for a command, printing every diagnostic in the contract form.</summary>
internal static class TemplateCompilation
{
    /// <summary>The compiled rule set, or null after printing why it could not be built.</summary>
    public static CompiledRuleSet? LoadAndCompile(CliContext context, string templatePath, IReadOnlyList<string>? rulesDirectories, IWorkingDayCalendar calendar)
    {
        var path = context.PathFor(templatePath);
        if (!File.Exists(path))
        {
            context.Error.WriteLine($"{path}: error AK1000: The template file does not exist. Check the path given with --template.");
            return null;
        }

        var result = TemplateValidator.ValidateTemplate(path, rulesDirectories?.Select(context.PathFor).ToList(), calendar);
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        return result.Compiled;
    }
}
