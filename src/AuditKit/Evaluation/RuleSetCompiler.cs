using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>Type-checks and compiles every expression of a template and its rule sets.</summary>
public static class RuleSetCompiler
{
    public static LoadResult<CompiledRuleSet> Compile(AuditTemplate template, IWorkingDayCalendar calendar) =>
        throw new NotImplementedException();
}
