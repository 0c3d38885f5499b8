using AuditKit.Store;

namespace AuditKit.Tests.Store;

/// <summary>The web app's people and data protection keys, the same on both providers.</summary>
public abstract class PeopleStoreTests
{
    private static readonly DateOnly Created = new(2026, 11, 30);

    protected abstract IAuditStore OpenStore();

    [StoreFact]
    public void AddUser_FindListDisable_RoundTripsEveryField()
    {
        using var store = OpenStore();
        var people = (IPeopleStore)store;
        var user = new StoredUser("sam@council.test", "Sam", "team_manager", "Child Protection East", null, "hash", false, 0, null, Created);

        people.AddUser(user).ShouldBeTrue();
        people.AddUser(user with { Name = "Other" }).ShouldBeFalse();
        people.AddUser(new StoredUser("ali@council.test", "Ali", "service_manager", null, "Safeguarding", "hash2", false, 0, null, Created)).ShouldBeTrue();

        people.FindUser("SAM@council.test").ShouldBe(user);
        people.ListUsers().Select(u => u.Email).ShouldBe(["ali@council.test", "sam@council.test"]);

        var locked = new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);
        people.RecordSignIn("sam@council.test", 5, locked);
        people.FindUser("sam@council.test")!.ShouldSatisfyAllConditions(
            u => u.FailedSignIns.ShouldBe(5),
            u => u.LockedUntil.ShouldBe(locked));

        people.DisableUser("sam@council.test").ShouldBeTrue();
        people.DisableUser("nobody@council.test").ShouldBeFalse();
        people.FindUser("sam@council.test")!.Disabled.ShouldBeTrue();
    }

    [StoreFact]
    public void DataProtectionKeys_StoredByName_ReplacedWhenStoredAgain()
    {
        using var store = OpenStore();
        var people = (IPeopleStore)store;
        people.StoreDataProtectionKey("key-b", "<key id=\"b\" />");
        people.StoreDataProtectionKey("key-a", "<key id=\"a\" />");
        people.StoreDataProtectionKey("key-b", "<key id=\"b2\" />");

        people.DataProtectionKeys().ShouldBe([new("key-a", "<key id=\"a\" />"), new("key-b", "<key id=\"b2\" />")]);
    }

    [StoreFact]
    public void ReadAudit_UnknownId_IsNull()
    {
        using var store = OpenStore();
        ((IPeopleStore)store).ReadAudit("QA-NONE").ShouldBeNull();
        store.SchemaVersion.ShouldBe(Schema.Latest);
    }
}

public sealed class SqlitePeopleStoreTests : PeopleStoreTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "auditkit-people-" + Guid.NewGuid().ToString("N") + ".db");

    protected override IAuditStore OpenStore() => AuditStore.OpenSqlite(_path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPeopleStoreTests(PostgresServer server) : PeopleStoreTests
{
    private readonly Lazy<string> _connectionString = new(server.CreateDatabase);

    protected override IAuditStore OpenStore() => AuditStore.OpenPostgres(_connectionString.Value);
}
