using AuditKit.Diagnostics;
using AuditKit.Store;
using Microsoft.Data.Sqlite;

namespace AuditKit.Tests.Store;

/// <summary>Store files a hostile tester would give: another program's database, damage, odd schema versions.</summary>
public sealed class HostileStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("auditkit-hostile-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [Fact]
    public void OpenSqlite_AnotherProgramsDatabase_IsRefusedAndLeftAsItWas()
    {
        // Arrange
        var path = Path.Combine(_folder, "other.db");
        Sql(path, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('x');");

        // Act
        var error = Should.Throw<StoreException>(() => AuditStore.OpenSqlite(path));

        // Assert
        error.Code.ShouldBe(Messages.StoreNotAStoreCode);
        error.Message.ShouldContain("another program");
        Sql(path, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'").ShouldBe("people");
    }

    [Fact]
    public void OpenSqlite_AnEmptySqliteFile_BecomesAStore()
    {
        var path = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(path, []);

        using var store = AuditStore.OpenSqlite(path);

        store.SchemaVersion.ShouldBe(Schema.Latest);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("1099511627776")]
    public void OpenSqlite_SchemaVersionNoAuditKitWrites_IsDamageNamingTheFile(string version)
    {
        // Arrange
        var path = NewStore("version.db");
        Sql(path, $"DELETE FROM schema_version; INSERT INTO schema_version VALUES ({version});");

        // Act
        var error = Should.Throw<StoreException>(() => AuditStore.OpenSqlite(path));

        // Assert
        error.Code.ShouldBe(Messages.StoreDamagedCode);
        error.Message.ShouldStartWith(path + " is damaged");
    }

    [Fact]
    public void OpenSqlite_NotADatabaseAtAll_IsNotAStore()
    {
        var path = Path.Combine(_folder, "text.db");
        File.WriteAllText(path, "this is a text file, not a database, and it is long enough to have a header....................");

        var error = Should.Throw<StoreException>(() => AuditStore.OpenSqlite(path));

        error.Code.ShouldBe(Messages.StoreNotAStoreCode);
    }

    [Fact]
    public void ListActionsAndTrend_DamagedPages_AreAStoreErrorNamingTheDamage()
    {
        // Arrange: a store with data, then every page after the first overwritten in part.
        var path = NewStore("damaged.db");
        var bytes = File.ReadAllBytes(path);
        for (var page = 1; page < bytes.Length / 4096; page++)
        {
            Array.Fill(bytes, (byte)0xA5, (page * 4096) + 8, 400);
        }

        File.WriteAllBytes(path, bytes);

        // Act
        var error = Should.Throw<StoreException>(() =>
        {
            using var store = AuditStore.OpenSqlite(path);
            store.ListActions(new ActionFilter(), StoreRuns.D("2026-11-30"));
            store.Trend(StoreRuns.TemplateId);
        });

        // Assert
        error.Code.ShouldBeOneOf(Messages.StoreDamagedCode, Messages.StoreNotAStoreCode);
        error.Message.ShouldNotContain("SQLite error");
    }

    [Theory]
    [InlineData(5, "AK5010", "busy")]
    [InlineData(6, "AK5010", "busy")]
    [InlineData(11, "AK5009", "damaged")]
    [InlineData(26, "AK5003", "not an AuditKit store")]
    [InlineData(8, "AK5004", "read-only")]
    [InlineData(13, "AK5004", "disk is full")]
    [InlineData(14, "AK5004", "could not be opened")]
    public void Translate_SqliteResultCodes_GiveTheCauseInWords(int code, string akCode, string words)
    {
        var translated = new SqliteDialect("x.db").Translate(new SqliteException("raw text that is never shown", code)).ShouldNotBeNull();

        translated.Code.ShouldBe(akCode);
        translated.Message.ShouldContain(words);
        translated.Message.ShouldNotContain("raw text");
    }

    [Theory]
    [InlineData("3D000", "does not exist")]
    [InlineData("28P01", "authentication failed")]
    [InlineData("53100", "disk is full")]
    public void PostgresCause_KnownStates_AreWords(string state, string words) =>
        Messages.PostgresCause(state).ShouldContain(words);

    private string NewStore(string name)
    {
        var path = Path.Combine(_folder, name);
        using (var store = AuditStore.OpenSqlite(path))
        {
            store.RecordRun(StoreRuns.Run(StoreRuns.D("2026-11-30"), StoreRuns.FromCsv("history.csv")));
        }

        // Fold the WAL into the file, so that the file alone holds everything.
        Sql(path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static object? Sql(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
