using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Store;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Store;

/// <summary>
/// Tests that record the bundled samples with the bundled template into stores of one kind: a new, empty store on each
/// <see cref="Open"/>, every one closed when the test ends.
/// </summary>
public abstract class SampleStoreTests : IDisposable
{
    protected static readonly Lazy<CompiledRuleSet> Rules = new(() =>
        TemplateValidator.ValidateTemplate(RepoPaths.InRepo("templates", "quality-of-practice.yaml"), null, EnglandAndWalesCalendar.Default).Compiled
        ?? throw new InvalidOperationException("The bundled template does not compile."));

    protected static readonly DateOnly AsOf = new(2026, 11, 30);

    private readonly List<IAuditStore> _opened = [];

    /// <summary>A new, empty store of this kind each call.</summary>
    protected abstract IAuditStore NewStore();

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected IAuditStore Open()
    {
        var store = NewStore();
        _opened.Add(store);
        return store;
    }
}

/// <summary>New SQLite store files in a temp folder of their own, removed with it.</summary>
internal sealed class SqliteStoreFiles(string prefix) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
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
