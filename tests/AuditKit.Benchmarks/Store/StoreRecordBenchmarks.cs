using System.Collections.Immutable;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Store;

/// <summary>
/// Recording a large run into a new SQLite store: audits x 18 criteria (one compact outcomes column each) and
/// about three case actions per audit, as the bundled template raises them.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class StoreRecordBenchmarks
{
    private const int Criteria = 18;

    // Set in Setup, which BenchmarkDotNet runs before any benchmark.
    private StoredRun _run = null!;
    private string _folder = null!;
    private string _path = null!;

    [Params(100_000)]
    public int Audits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var criteria = Enumerable.Range(0, Criteria).Select(i => new StoredCriterion($"criterion_{i}", 0.8, i % 4 == 0)).ToImmutableArray();
        var template = new StoredTemplate("quality-of-practice", 3, "benchmark", "Quality of practice", 0.5, criteria);
        var random = new Random(7);
        var cases = new List<StoredCase>(Audits);
        var actions = new List<FollowUpAction>();
        for (var i = 0; i < Audits; i++)
        {
            var outcomes = Enumerable.Range(0, Criteria).Select(_ => (Outcome)random.Next(0, 5)).ToImmutableArray();
            var team = $"Team {i % 8}";
            var row = new CaseRow($"QA-{i:D6}", new DateOnly(2026, 1 + (i % 11), 1 + (i % 28)), "Auditor", $"C-{i}", "CP", team, "Safeguarding", null, null, "Good", 0.7, outcomes);
            cases.Add(new StoredCase(row));
            for (var c = 0; c < Criteria; c++)
            {
                if (outcomes[c] == Outcome.NotMet && random.NextDouble() < 0.9)
                {
                    actions.Add(new FollowUpAction(
                        ActionId.Create(template.Id, $"c{c}", team, row.AuditId, criteria[c].Id).ToString(), ActionScope.Case, team, row.CaseRef, criteria[c].Id,
                        "Make sure the child is seen alone at the next visit and that this is recorded.", "practitioner", new DateOnly(2026, 12, 1), null, $"c{c}", row.AuditId));
                }
            }
        }

        _run = new StoredRun(template, new DateOnly(2026, 11, 30), cases, actions);
        _folder = Path.Combine(Path.GetTempPath(), "auditkit-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
    }

    [IterationSetup]
    public void NewStore()
    {
        _path = Path.Combine(_folder, Guid.NewGuid().ToString("N")[..8] + ".db");
    }

    [Benchmark]
    public StoreRunResult RecordIntoNewSqliteStore()
    {
        using var store = AuditStore.OpenSqlite(_path);
        return store.RecordRun(_run);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
