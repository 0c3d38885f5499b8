using AuditKit.Store;

namespace AuditKit.Tests.Store;

/// <summary>The access log and API tokens, the same on both providers.</summary>
public abstract class AccessStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    protected abstract IAuditStore OpenStore();

    [StoreFact]
    public void RecordAccess_ListedNewestFirst_FilteredByPersonCaseAndDays()
    {
        using var store = OpenStore();
        var log = (IAccessStore)store;
        var first = new AccessEntry(Noon.AddDays(-1), "Sam@Council.test", AccessEvents.View, AccessObjects.Audit, "QA-1", "C-100", null, "web");
        var second = new AccessEntry(Noon, "ali@council.test", AccessEvents.View, AccessObjects.Audit, "QA-1", "C-100", null, "api token 0a1b2c3d4e5f");
        var third = new AccessEntry(Noon.AddSeconds(1), "sam@council.test", AccessEvents.Change, AccessObjects.Action, "ab12", null, "status open -> done", "web");
        log.RecordAccess(first);
        log.RecordAccess(second);
        log.RecordAccess(third);

        log.ListAccess(new AccessFilter()).ShouldBe([third, second, first with { Person = "sam@council.test" }]);
        log.ListAccess(new AccessFilter(Person: "SAM@council.test")).Select(e => e.ObjectId).ShouldBe(["ab12", "QA-1"]);
        log.ListAccess(new AccessFilter(CaseRef: "c-100")).Select(e => e.Person).ShouldBe(["ali@council.test", "sam@council.test"]);
        log.ListAccess(new AccessFilter(From: new DateOnly(2026, 11, 30))).Count.ShouldBe(2);
        log.ListAccess(new AccessFilter(To: new DateOnly(2026, 11, 29))).Single().At.ShouldBe(first.At);
        log.ListAccess(new AccessFilter(Limit: 1)).Single().ShouldBe(third);
    }

    [StoreFact]
    public void Tokens_AddFindListRevoke_RoundTripEveryField()
    {
        using var store = OpenStore();
        var tokens = (IAccessStore)store;
        var token = new StoredToken("0a1b2c3d4e5f", "sam@council.test", "Case system export", new string('a', 64), Noon, new DateOnly(2027, 3, 31), null);
        var other = new StoredToken("ffeeddccbbaa", "ali@council.test", "Dashboard", new string('b', 64), Noon.AddHours(1), null, null);
        tokens.AddToken(token);
        tokens.AddToken(other);

        tokens.FindToken(new string('a', 64)).ShouldBe(token);
        tokens.FindToken(new string('c', 64)).ShouldBeNull();
        tokens.ListTokens().Select(t => t.Id).ShouldBe(["ffeeddccbbaa", "0a1b2c3d4e5f"]);

        tokens.RevokeToken("0A1B2C3D4E5F", Noon.AddDays(1)).ShouldBeTrue();
        tokens.RevokeToken("0a1b2c3d4e5f", Noon.AddDays(2)).ShouldBeFalse();
        tokens.RevokeToken("000000000000", Noon).ShouldBeFalse();
        tokens.FindToken(new string('a', 64))!.Revoked.ShouldBe(Noon.AddDays(1));
    }
}

public sealed class SqliteAccessStoreTests : AccessStoreTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "auditkit-access-" + Guid.NewGuid().ToString("N") + ".db");

    protected override IAuditStore OpenStore() => AuditStore.OpenSqlite(_path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessStoreTests(PostgresServer server) : AccessStoreTests
{
    private readonly Lazy<string> _connectionString = new(server.CreateDatabase);

    protected override IAuditStore OpenStore() => AuditStore.OpenPostgres(_connectionString.Value);
}
