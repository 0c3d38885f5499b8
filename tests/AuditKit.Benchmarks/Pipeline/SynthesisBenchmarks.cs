using AuditKit.Synthesis;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Pipeline;

/// <summary>Cost of making synthetic submissions, without the cost of storing them.</summary>
[MemoryDiagnoser]
public class SynthesisBenchmarks
{
    // Both set in Setup, which BenchmarkDotNet runs before any benchmark.
    private AuditTemplate _template = null!;
    private SubmissionSynthesizer _synthesizer = null!;

    [Params(10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _template = BenchmarkTemplates.QualityOfPractice();
        _synthesizer = new SubmissionSynthesizer();
    }

    [Benchmark]
    public void SynthesizeToNullWriter() =>
        _synthesizer.Write(_template, new SynthesisOptions(Rows, 42), TextWriter.Null);

    [Benchmark]
    public void SynthesizeWithCommentsAndBrokenRows() =>
        _synthesizer.Write(_template, new SynthesisOptions(Rows, 42) { CommentShare = 0.3, BrokenRows = 20 }, TextWriter.Null);
}
