using AuditKit.Calendar;
using AuditKit.Expressions;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Rules;

/// <summary>
/// One compiled criterion against the same check written by hand in C#, both over the same value array
/// (slot 0 = child_age, slot 1 = answer), both giving true, false or missing.
/// </summary>
[MemoryDiagnoser]
public class CriterionBenchmarks
{
    private const int AgeSlot = 0;
    private const int AnswerSlot = 1;

    private readonly Value[] _values = [Value.FromNumber(9), Value.FromText("Yes")];
    private Func<Value[], bool?> _answerIsYes = null!;
    private Func<Value[], bool?> _ageAtLeastFour = null!;
    private Func<Value[], bool?> _seenAlone = null!;

    // The hand-written checks again, called through a delegate as any pluggable criterion would be.
    private readonly Func<Value[], bool?> _handAnswerIsYes = AnswerIsYes;
    private readonly Func<Value[], bool?> _handAgeAtLeastFour = AgeAtLeastFour;
    private readonly Func<Value[], bool?> _handSeenAlone = SeenAlone;

    [GlobalSetup]
    public void Setup()
    {
        var names = new NameTable(
            ExpressionScope.Criterion,
            [new NameInfo("child_age", ExprType.Number, AgeSlot), new NameInfo("answer", ExprType.Text, AnswerSlot)]);
        _answerIsYes = Compile("answer = 'Yes'", names);
        _ageAtLeastFour = Compile("child_age >= 4", names);
        _seenAlone = Compile("(child_age >= 4 or is_blank(child_age)) and answer = 'Yes'", names);
    }

    [Benchmark(Baseline = true)]
    public bool? HandWrittenAnswerIsYes() => AnswerIsYes(_values);

    [Benchmark]
    public bool? CompiledAnswerIsYes() => _answerIsYes(_values);

    [Benchmark]
    public bool? HandWrittenAgeAtLeastFour() => AgeAtLeastFour(_values);

    [Benchmark]
    public bool? CompiledAgeAtLeastFour() => _ageAtLeastFour(_values);

    [Benchmark]
    public bool? HandWrittenSeenAlone() => SeenAlone(_values);

    [Benchmark]
    public bool? CompiledSeenAlone() => _seenAlone(_values);

    [Benchmark]
    public bool? HandWrittenDelegateAnswerIsYes() => _handAnswerIsYes(_values);

    [Benchmark]
    public bool? HandWrittenDelegateAgeAtLeastFour() => _handAgeAtLeastFour(_values);

    [Benchmark]
    public bool? HandWrittenDelegateSeenAlone() => _handSeenAlone(_values);

    private static bool? SeenAlone(Value[] values)
    {
        var age = values[AgeSlot];
        bool? applies = age.Kind == ValueKind.Number ? age.RawNumber >= 4 - Operations.Tolerance : true;
        var yes = AnswerIsYes(values);
        return applies == false || yes == false ? false : (applies == true && yes == true ? true : null);
    }

    private static bool? AnswerIsYes(Value[] values)
    {
        var answer = values[AnswerSlot];
        return answer.Kind == ValueKind.Text ? string.Equals(answer.RawText, "Yes", StringComparison.OrdinalIgnoreCase) : null;
    }

    private static bool? AgeAtLeastFour(Value[] values)
    {
        var age = values[AgeSlot];
        return age.Kind == ValueKind.Number ? age.RawNumber >= 4 - Operations.Tolerance : null;
    }

    private static Func<Value[], bool?> Compile(string text, NameTable names)
    {
        var bag = new AuditKit.Diagnostics.DiagnosticBag();
        var tree = ExpressionChecker.Check(ExpressionSource.Inline(text), names, bag, "met_when")
            ?? throw new InvalidOperationException($"'{text}' does not compile.");
        return ExpressionCompiler.CompileCondition(tree, EnglandAndWalesCalendar.Default);
    }
}
