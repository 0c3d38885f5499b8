using System.Reflection;
using AuditKit.Cli.Commands;
using AuditKit.Evaluation;

namespace AuditKit.Tests.Cli;

public sealed class RunWarmUpTests
{
    [Fact]
    public async Task Start_CompletesWithoutTouchingAnything()
    {
        await RunWarmUp.Start().WaitAsync(TimeSpan.FromMinutes(1));
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
