using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Tests.Evaluation;

namespace AuditKit.Tests.Expressions;

/// <summary>
/// Checks and runs single expressions over a fixed set of names: n, m (numbers), t, u (text), b, c (true/false),
/// d, e (dates). Every evaluation runs both the compiled delegate and the explainer and requires them to agree.
/// </summary>
internal static class ExpressionHarness
{
    public static readonly string[] Names = ["n", "m", "t", "u", "b", "c", "d", "e"];

    public static NameTable Table { get; } = new(
        ExpressionScope.Criterion,
        [
            new("n", ExprType.Number, 0),
            new("m", ExprType.Number, 1),
            new("t", ExprType.Text, 2),
            new("u", ExprType.Text, 3),
            new("b", ExprType.Bool, 4),
            new("c", ExprType.Bool, 5),
            new("d", ExprType.Date, 6),
            new("e", ExprType.Date, 7),
        ]);

    public static (BoundNode? Tree, List<Diagnostic> Diagnostics) Check(string text, string? conditionKey = null)
    {
        var bag = new DiagnosticBag();
        var tree = ExpressionChecker.Check(ExpressionSource.Inline(text), Table, bag, conditionKey);
        return (tree, [.. bag.ToImmutableSorted()]);
    }

    /// <summary>The single diagnostic an expression gives (fails when there is not exactly one).</summary>
    public static Diagnostic Error(string text, string? conditionKey = null)
    {
        var (tree, diagnostics) = Check(text, conditionKey);
        tree.ShouldBeNull();
        diagnostics.Count.ShouldBe(1, string.Join("\n", diagnostics));
        return diagnostics[0];
    }

    public static Value Evaluate(string text, params (string Name, Value Value)[] values) => Run(text, values).Result;

    public static ExpressionTrace Run(string text, params (string Name, Value Value)[] values)
    {
        var (tree, diagnostics) = Check(text);
        diagnostics.ShouldBeEmpty();
        tree.ShouldNotBeNull();
        var slots = new Value[Names.Length];
        foreach (var (name, value) in values)
        {
            slots[Array.IndexOf(Names, name)] = value;
        }

        var compiled = ExpressionCompiler.CompileValue(tree, WeekendOnlyCalendar.Instance)(slots);
        var trace = ExpressionExplainer.Explain(tree, slots, WeekendOnlyCalendar.Instance);
        trace.Result.ShouldBe(compiled, $"compiled and explained results differ for {text}");
        if (tree.Type == ExprType.Bool)
        {
            var condition = ExpressionCompiler.CompileCondition(tree, WeekendOnlyCalendar.Instance)(slots);
            Operations.BoolToValue(condition).ShouldBe(compiled);
        }

        return trace;
    }

    public static Value N(double n) => Value.FromNumber(n);

    public static Value T(string t) => Value.FromText(t);

    public static Value B(bool b) => Value.FromBool(b);

    public static Value D(int year, int month, int day) => Value.FromDate(new DateOnly(year, month, day));

    public static Value Blank => Value.Missing;
}
