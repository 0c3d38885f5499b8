using AuditKit.Store;
using Microsoft.Data.Sqlite;

namespace AuditKit.Tests.Store;

/// <summary>The shared store suite on an SQLite file in a temp folder, plus what only a file can show.</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-store-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteStoreTests()
    {
        Directory.CreateDirectory(_folder);
    }

    private string DbPath => Path.Combine(_folder, "auditkit.db");

    protected override IAuditStore OpenStore() => AuditStore.OpenSqlite(DbPath);

    protected override IAuditStore SqlAuditStoreAt(int version) => SqlAuditStore.Open(new SqliteDialect(DbPath), version);

    protected override object? Raw(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public override void Dispose()
    {
        base.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public void Open_NewerSchema_LeavesTheFileBytesUnchanged()
    {
        using (var store = OpenStore())
        {
            store.RecordRun(StoreRuns.Run(StoreRuns.D("2026-11-30"), StoreRuns.FromCsv("history.csv")));
        }

        Raw($"INSERT INTO schema_version (version) VALUES ({Schema.Latest + 1})");
        Raw("PRAGMA wal_checkpoint(TRUNCATE)");
        var before = File.ReadAllBytes(DbPath);
        var written = File.GetLastWriteTimeUtc(DbPath);

        var error = Should.Throw<StoreException>(() => AuditStore.OpenSqlite(DbPath));

        error.Message.ShouldBe($"{DbPath} was written by a newer AuditKit (schema {Schema.Latest + 1}; this program knows {Schema.Latest}). Use a newer AuditKit or another --db.");
        File.ReadAllBytes(DbPath).ShouldBe(before);
        File.GetLastWriteTimeUtc(DbPath).ShouldBe(written);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsNotAStore()
    {
        File.WriteAllText(DbPath, "audit_id,team\nA1,Team A\n" + new string('x', 200));

        var error = Should.Throw<StoreException>(() => AuditStore.OpenSqlite(DbPath));

        error.Code.ShouldBe("AK5003");
        error.UserMessage.ShouldBe($"error AK5003: {DbPath} is not an AuditKit store (not an SQLite database). Give another --db.");
    }

    [Fact]
    public void Open_NewStore_UsesWriteAheadLog()
    {
        using var store = OpenStore();

        Raw("PRAGMA journal_mode").ShouldBe("wal");
    }
}
