using AuditKit.Store;
using AuditKit.Templates;
using Microsoft.Data.Sqlite;
using static AuditKit.Tests.Store.StoreRuns;

namespace AuditKit.Tests.Store;

/// <summary>Samples and the audits the programme counts, on SQLite and on a real PostgreSQL server.</summary>
public abstract class DrawnSampleStoreTests : IDisposable
{
    private readonly List<IAuditStore> _opened = [];

    protected abstract IAuditStore OpenStore();

    protected IAuditStore Open()
    {
        var store = OpenStore();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static StoredSample Sample(string id, DateOnly asOf, string? template = "qop") => new(
        id, asOf, template, 2026, "per_team 2", true, 1, "12m", "caseload.csv",
        [new StoredSampleCase("C-1", "Team A", "CP", "Bo", false), new StoredSampleCase("C-2", "Team A", null, null, true)]);

    [StoreFact]
    public void RecordSample_Twice_RecordsItOnceAndReadsItBackWhole()
    {
        // Arrange
        var store = Open();
        var sample = Sample("S-1", D("2026-11-02"));

        // Act
        var first = store.RecordSample(sample);
        var again = Open().RecordSample(sample);

        // Assert
        first.ShouldBeTrue();
        again.ShouldBeFalse();
        var read = store.Samples(D("2026-11-01"), D("2026-11-30")).ShouldHaveSingleItem();
        read.ShouldBe(sample with { Cases = read.Cases });
        read.Cases.ShouldBe(sample.Cases);
    }

    [StoreFact]
    public void Samples_ByDateAndTemplate_OnlyThoseDrawnThenForIt()
    {
        var store = Open();
        store.RecordSample(Sample("S-oct", D("2026-10-31")));
        store.RecordSample(Sample("S-nov", D("2026-11-01")));
        store.RecordSample(Sample("S-other", D("2026-11-05"), "other"));
        store.RecordSample(Sample("S-any", D("2026-11-06"), null));

        store.Samples(D("2026-11-01"), D("2026-11-30")).Select(s => s.Id).ShouldBe(["S-nov", "S-other", "S-any"]);
        store.Samples(D("2026-11-01"), D("2026-11-30"), "qop").Select(s => s.Id).ShouldBe(["S-nov"]);
        store.Samples(D("2026-12-01"), D("2026-12-31")).ShouldBeEmpty();
    }

    [StoreFact]
    public void AuditedCases_DatesAndTemplate_CurrentRevisionsOnly()
    {
        // Arrange: A1 in October, A2 in November then corrected to December; another case on the first day.
        var store = Open();
        store.RecordRun(Run(D("2026-11-30"), [
            new StoredCase(Case("A1", D("2026-10-15"), "Team A", Outcome.Met, Outcome.Met, "C-1")),
            new StoredCase(Case("A2", D("2026-11-03"), "Team B", Outcome.Met, Outcome.Met, "C-2")),
            new StoredCase(Case("A3", D("2026-11-01"), "Team B", Outcome.Met, Outcome.Met, "C-3")),
        ]));
        store.RecordRun(Run(D("2026-12-31"), [new StoredCase(Case("A2", D("2026-12-02"), "Team B", Outcome.Met, Outcome.NotMet, "C-2"))]));

        // Act
        var november = store.AuditedCases(D("2026-11-01"), D("2026-11-30"));
        var all = store.AuditedCases(D("2026-01-01"), D("2026-12-31"), TemplateId);

        // Assert
        november.ShouldBe([new AuditedCase(TemplateId, "A3", D("2026-11-01"), "Auditor One", "C-3", "CP", "Team B")]);
        all.Select(a => a.AuditId).ShouldBe(["A1", "A3", "A2"]);
        store.AuditedCases(D("2026-01-01"), D("2026-12-31"), "other").ShouldBeEmpty();
    }
}

public sealed class SqliteDrawnSampleStoreTests : DrawnSampleStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-sample-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteDrawnSampleStoreTests() => Directory.CreateDirectory(_folder);

    protected override IAuditStore OpenStore() => AuditStore.OpenSqlite(Path.Combine(_folder, "auditkit.db"));

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDrawnSampleStoreTests(PostgresServer server) : DrawnSampleStoreTests
{
    private readonly Lazy<string> _connectionString = new(server.CreateDatabase);

    protected override IAuditStore OpenStore() => AuditStore.OpenPostgres(_connectionString.Value);
}
