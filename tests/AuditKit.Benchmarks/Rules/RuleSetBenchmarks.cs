using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Submissions;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Rules;

/// <summary>Compiling a 15-criterion template, and evaluating one submission against it (divide by 15 for per criterion).</summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private AuditTemplate _template = null!;
    private CompiledRuleSet _ruleSet = null!;
    private Submission _submission = null!;
    private readonly IWorkingDayCalendar _calendar = EnglandAndWalesCalendar.Default;

    [GlobalSetup]
    public void Setup()
    {
        _template = BenchmarkTemplate.Create();
        _ruleSet = RuleSetCompiler.Compile(_template, _calendar).Value
            ?? throw new InvalidOperationException("The benchmark template does not compile.");
        _submission = BenchmarkTemplate.Submission(_template);
    }

    [Benchmark]
    public CompiledRuleSet? CompileTemplate() => RuleSetCompiler.Compile(_template, _calendar).Value;

    /// <summary>15 criteria, score, 4 grading rows, 1 criterion action and 2 case action rules.</summary>
    [Benchmark]
    public CaseResult EvaluateSubmission() => _ruleSet.Evaluate(_submission);

    [Benchmark]
    public int ExplainSubmission() => _ruleSet.Explain(_submission).Length;
}
