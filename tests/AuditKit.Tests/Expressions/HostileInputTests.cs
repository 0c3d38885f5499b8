using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Tests.Evaluation;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Expressions;

/// <summary>Random and damaged expressions give diagnostics, never an exception or a hang.</summary>
public sealed class HostileInputTests
{
    private static readonly string[] Fragments =
    [
        "n", "m", "t", "u", "b", "c", "d", "e", "x", "answer", " ", " ", " ", "(", ")", "[", "]", ",", "'", "''", "'Yes'",
        "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "and", "or", "not", "in", "true", "false", "0", "1", "2.5",
        "99999999999999999999", "is_blank(", "coalesce(", "days_between(", "working_days_between(", "lower(", "contains(",
        "length(", "min(", "max(", "if(", "date(", "date('2026-01-31')", "\u0000", "\n", "\t", "\u00e9", "\"", "@", ".",
    ];

    private static readonly string[] ValidExpressions =
    [
        "n >= 4 or is_blank(n)",
        "t = 'Yes' and not b",
        "working_days_between(d, e) <= 10",
        "days_between(d, e) <= 45 and t in ['Yes', 'Partly']",
        "if(b, n, m) / (n - m) > 0.5",
        "coalesce(d, e) + 10 >= max(d, e) - 1",
        "contains(lower(t), u) or length(u) = 0",
        "-n * 2 != m",
    ];

    [Fact]
    public void Check_RandomFragments_NeverThrows()
    {
        var fragment = Gen.Elements(Fragments);
        var text = Gen.ListOf(fragment).Select(parts => string.Concat(parts));

        RunWithin(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(60),
            Prop.ForAll(Arb.From(text), s => CheckNeverThrows(s))));
    }

    [Fact]
    public void Check_RandomCharacters_NeverThrows()
    {
        var character = Gen.Choose(0, 0x2FF).Select(i => (char)i);
        var text = Gen.ArrayOf(character).Select(chars => new string(chars));

        RunWithin(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(2000),
            Prop.ForAll(Arb.From(text), s => CheckNeverThrows(s))));
    }

    [Fact]
    public void Check_MutatedValidExpressions_NeverThrowAndAgreeWhenValid()
    {
        var mutated =
            from expression in Gen.Elements(ValidExpressions)
            from position in Gen.Choose(0, 1000)
            from length in Gen.Choose(0, 6)
            from insert in Gen.Elements(Fragments)
            from kind in Gen.Choose(0, 3)
            select Mutate(expression, position, length, insert, kind);

        RunWithin(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(3000),
            Prop.ForAll(Arb.From(mutated), s => CheckNeverThrows(s))));
    }

    [Fact]
    public void Check_SeededRandomBytesAndLongInputs_GiveDiagnostics()
    {
        var random = new Random(20261103);
        RunWithin(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = new byte[random.Next(0, 3000)];
                random.NextBytes(bytes);
                CheckNeverThrows(System.Text.Encoding.Latin1.GetString(bytes)).ShouldBeTrue();
            }

            foreach (var hostile in new[]
            {
                new string('(', 100_000),
                new string('(', 1000) + "n" + new string(')', 1000),
                string.Concat(Enumerable.Repeat("not ", 400)) + "b",
                new string('-', 1999) + "n",
                "'" + new string('x', 1998),
                "'" + new string('x', 1000),
                new string('9', 1500),
                string.Concat(Enumerable.Repeat("f(", 900)),
                "t in [" + string.Join(", ", Enumerable.Repeat("'a'", 390)) + "]",
                string.Join(" or ", Enumerable.Repeat("b", 399)),
            })
            {
                var (tree, diagnostics) = ExpressionHarness.Check(hostile);
                if (tree is null)
                {
                    diagnostics.Count.ShouldBe(1, hostile[..Math.Min(40, hostile.Length)]);
                }
            }
        });
    }

    private static bool CheckNeverThrows(string text)
    {
        var bag = new DiagnosticBag();
        var tree = ExpressionChecker.Check(ExpressionSource.Inline(text), ExpressionHarness.Table, bag, null);
        if (tree is null)
        {
            return bag.HasErrors;
        }

        // Valid: compile and run over blanks and over sample values; both evaluators must agree.
        var compiled = ExpressionCompiler.CompileValue(tree, WeekendOnlyCalendar.Instance);
        foreach (var values in Samples())
        {
            var result = compiled(values);
            var explained = ExpressionExplainer.Explain(tree, values, WeekendOnlyCalendar.Instance).Result;
            if (result != explained)
            {
                return false;
            }
        }

        return !bag.HasErrors;
    }

    private static IEnumerable<Value[]> Samples()
    {
        yield return new Value[8];
        yield return
        [
            Value.FromNumber(3), Value.FromNumber(0), Value.FromText("Yes"), Value.FromText("es"),
            Value.True, Value.False, Value.FromDate(new DateOnly(2026, 11, 3)), Value.FromDate(new DateOnly(2026, 11, 20)),
        ];
        yield return
        [
            Value.FromNumber(-1.5), Value.Missing, Value.FromText(""), Value.Missing,
            Value.Missing, Value.True, Value.FromDate(new DateOnly(2090, 12, 31)), Value.FromDate(new DateOnly(1950, 1, 1)),
        ];
    }

    private static string Mutate(string expression, int position, int length, string insert, int kind)
    {
        var at = position % (expression.Length + 1);
        var cut = Math.Min(length, expression.Length - at);
        return kind switch
        {
            0 => expression.Remove(at, cut),
            1 => expression.Insert(at, insert),
            2 => expression.Remove(at, cut).Insert(at, insert),
            _ => expression[..at] + expression[at..] + expression[..at],
        };
    }

    private static void RunWithin(Action action)
    {
        // A guard against hangs, not a performance measure: a generous bound that only an endless loop exceeds.
        var task = Task.Run(action);
        task.Wait(TimeSpan.FromMinutes(2)).ShouldBeTrue("checking expressions did not finish");
        task.GetAwaiter().GetResult();
    }
}
