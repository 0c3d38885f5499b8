using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>The whole check of a template or rule set file: structure first, then every expression, all problems at once.</summary>
public static class TemplateValidator
{
    /// <summary>The template and its rule sets loaded and compiled; <c>Compiled</c> is null when anything is wrong.</summary>
    public sealed record Result(CompiledRuleSet? Compiled, ImmutableArray<Diagnostic> Diagnostics);

    /// <summary>
    /// Loads and compiles a template. A template with structural errors is still compiled from its best-effort model,
    /// so that problems in expressions are reported in the same pass.
    /// </summary>
    public static Result ValidateTemplate(string path, IReadOnlyList<string>? rulesDirectories, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(calendar);
        var loaded = TemplateLoader.Load(path, rulesDirectories);
        var bag = new DiagnosticBag();
        bag.AddRange(loaded.Diagnostics);
        CompiledRuleSet? compiled = null;
        if (loaded.Value is { } template)
        {
            var result = RuleSetCompiler.Compile(template, calendar);
            bag.AddRange(result.Diagnostics);
            compiled = loaded.Success && result.Success ? result.Value : null;
        }

        return new Result(compiled, bag.ToImmutableSorted());
    }

    /// <summary>Loads a stand-alone rule set and checks its expressions as far as they can be checked without a template.</summary>
    public static ImmutableArray<Diagnostic> ValidateRuleSet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var loaded = RuleSetLoader.Load(path);
        var bag = new DiagnosticBag();
        bag.AddRange(loaded.Diagnostics);
        if (loaded.Value is { } ruleSet)
        {
            bag.AddRange(RuleSetCompiler.CheckSyntax(ruleSet));
        }

        return bag.ToImmutableSorted();
    }
}
