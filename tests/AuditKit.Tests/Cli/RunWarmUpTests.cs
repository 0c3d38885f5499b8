using System.Reflection;
using AuditKit.Cli.Commands;
using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Runs;
using AuditKit.Templates;

namespace AuditKit.Tests.Cli;

public sealed class RunWarmUpTests
{
    [Fact]
    public async Task Start_CompletesWithoutTouchingAnything()
    {
        await RunWarmUp.Start().WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task StartForCheck_CompletesWithoutTouchingAnything()
    {
        await RunWarmUp.StartForCheck().WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void SmallAudit_RunsEveryKindOfRuleWithEveryRowAccepted()
    {
        // The warm-up swallows its own failures (it only changes timing), so check here that its audit really runs
        // the code a run needs: rows accepted, grades given, and case, team and service actions raised.
        var (rules, audits) = RunWarmUp.SmallAudit();

        var report = AuditRunner.Run(rules, audits, new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default));

        report.Submissions.Read.ShouldBe(200);
        report.Submissions.Rejected.ShouldBe(0);
        report.Compliance.Overall.Grades.Keys.ShouldBe(["Good", "Inadequate", "Requires improvement"], ignoreOrder: true);
        report.Actions.Select(a => a.Scope).Distinct().ShouldBe([ActionScope.Case, ActionScope.Team, ActionScope.Service], ignoreOrder: true);
        report.Actions.ShouldContain(a => a.Owner != "practitioner" && a.Text.StartsWith("See the child", StringComparison.Ordinal));
    }

    [Fact]
    public void Optimised_ListsEveryTypeWithMethodsCompiledOptimisedFromTheirFirstCall()
    {
        // A method marked AggressiveOptimization in a type the warm-up does not list would be compiled mid-run instead.
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var marked = typeof(CompiledRuleSet).Assembly.GetTypes()
            .Where(t => t.GetMethods(All).Any(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0))
            .Select(Outermost)
            .Distinct()
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);

        marked.ShouldBe(RunWarmUp.Optimised.Select(t => t.FullName).Order(StringComparer.Ordinal));
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
