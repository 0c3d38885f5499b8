using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Submissions;
using AuditKit.Synthesis;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Rules;

/// <summary>
/// The bundled quality-of-practice template as users run it: read from YAML with its two rule sets and compiled
/// (target under 50 ms warm), and one synthetic submission evaluated against it (target under 5 microseconds per criterion).
/// </summary>
[MemoryDiagnoser]
public class BundledTemplateBenchmarks
{
    private string _templatePath = null!;
    private CompiledRuleSet _ruleSet = null!;
    private Submission[] _submissions = null!;

    /// <summary>The template's criteria: divide <see cref="EvaluateOneSubmission"/> by this for the time per criterion.</summary>
    public int Criteria => _ruleSet.Template.Criteria.Length;

    [GlobalSetup]
    public void Setup()
    {
        _templatePath = Path.Combine(FindRepositoryRoot(), "templates", "quality-of-practice.yaml");
        _ruleSet = LoadAndCompile() ?? throw new InvalidOperationException("The bundled template does not compile.");

        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(_ruleSet.Template, new SynthesisOptions(64, 42), csv);
        var validator = new SubmissionValidator(_ruleSet.Template);
        _submissions = [.. CsvSubmissionReader.Read(new StringReader(csv.ToString()), "bench.csv")
            .Select(validator.Validate)
            .Where(v => v.Submission is not null)
            .Select(v => v.Submission!)];
        Console.WriteLine($"// {Criteria} criteria, {_submissions.Length} submissions");
    }

    [Benchmark]
    public CompiledRuleSet? LoadAndCompile()
    {
        var loaded = TemplateLoader.Load(_templatePath);
        return loaded.Value is { } template ? RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value : null;
    }

    /// <summary>One submission (cycling through 64 realistic ones): every criterion, score, grade and case actions.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public int EvaluateOneSubmission()
    {
        var actions = 0;
        foreach (var submission in _submissions)
        {
            actions += _ruleSet.Evaluate(submission).Actions.Length;
        }

        return actions;
    }

    internal static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AuditKit.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the AuditKit repository.");
    }
}
