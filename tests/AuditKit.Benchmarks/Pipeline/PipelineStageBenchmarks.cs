using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Synthesis;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Pipeline;

/// <summary>
/// The stages of <c>auditkit run</c> one by one, on the same synthetic audits: reading and validating CSV rows,
/// evaluating, aggregating, sorting actions, and the whole run to summary.json. Compare with
/// <c>bench/run.sh</c>, which times the whole process.
/// </summary>
[MemoryDiagnoser]
public class PipelineStageBenchmarks
{
    // All set in Setup, which BenchmarkDotNet runs before any benchmark.
    private AuditTemplate _template = null!;
    private CompiledRuleSet _rules = null!;
    private string _csv = null!;
    private Submission[] _submissions = null!;
    private CaseResult[] _results = null!;
    private FollowUpAction[] _actions = null!;

    [Params(10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _template = BenchmarkTemplates.QualityOfPractice();
        var compiled = RuleSetCompiler.Compile(_template, EnglandAndWalesCalendar.Default);
        _rules = compiled.Value ?? throw new InvalidOperationException("The benchmark template does not compile.");
        var text = new StringWriter();
        new SubmissionSynthesizer().Write(_template, new SynthesisOptions(Rows, 42), text);
        _csv = text.ToString();
        var validator = new SubmissionValidator(_rules.Template);
        _submissions = [.. CsvSubmissionReader.Read(new StringReader(_csv), "bench.csv")
            .Select(r => validator.Validate(r).Submission)
            .OfType<Submission>()];
        _results = [.. _submissions.Select(_rules.Evaluate)];

        // Three case actions per audit, in reading order, as the bundled rules raise about that many.
        _actions = [.. _submissions.SelectMany(s => Enumerable.Range(0, 3).Select(i => new FollowUpAction(
            ActionId.Create(_template.Id, $"rule-{i}", s.Team, s.AuditId, null).ToString(),
            ActionScope.Case,
            s.Team,
            s.CaseRef,
            null,
            "Review the case.",
            "team_manager",
            s.AuditDate.AddDays(7 * i),
            null,
            $"rule-{i}",
            AuditId: s.AuditId)))];
    }

    [Benchmark]
    public int ReadAndValidate()
    {
        var validator = new SubmissionValidator(_rules.Template);
        var accepted = 0;
        foreach (var record in CsvSubmissionReader.Read(new StringReader(_csv), "bench.csv"))
        {
            accepted += validator.Validate(record).IsAccepted ? 1 : 0;
        }

        return accepted;
    }

    [Benchmark]
    public int Evaluate()
    {
        var actions = 0;
        foreach (var submission in _submissions)
        {
            actions += _rules.Evaluate(submission).Actions.Length;
        }

        return actions;
    }

    [Benchmark]
    public ComplianceSummary Aggregate()
    {
        var calculator = new ComplianceCalculator(_rules.Template);
        foreach (var result in _results)
        {
            calculator.Add(result);
        }

        return calculator.Complete();
    }

    [Benchmark]
    public ImmutableArray<FollowUpAction> SortActions() => FollowUpPlanner.SortForReport(_actions);

    [Benchmark]
    public string CreateActionIds()
    {
        var last = string.Empty;
        foreach (var submission in _submissions)
        {
            last = ActionId.Create(_template.Id, "ofsted-grading/case_actions/1", submission.Team, submission.AuditId, null).ToString();
        }

        return last;
    }

    [Benchmark]
    public long RunToSummaryJson()
    {
        var report = AuditRunner.Run(
            _rules,
            CsvSubmissionReader.Read(new StringReader(_csv), "bench.csv"),
            new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default));
        using var output = new CountingStream();
        SummaryJsonWriter.Write(report, output);
        return output.Length;
    }

    /// <summary>Counts the bytes written and keeps none of them.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
