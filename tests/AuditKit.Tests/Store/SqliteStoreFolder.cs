using AuditKit.Store;

namespace AuditKit.Tests.Store;

/// <summary>A temporary folder of new SQLite store files, one per <see cref="NewStore"/>, deleted on dispose.</summary>
internal sealed class SqliteStoreFolder(string name) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"auditkit-{name}-" + Guid.NewGuid().ToString("N")[..12]);
    private int _count;

    public IAuditStore NewStore()
    {
        Directory.CreateDirectory(_folder);
        return AuditStore.OpenSqlite(Path.Combine(_folder, $"store-{++_count}.db"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
