using System.Data.Common;

namespace AuditKit.Store;

/// <summary>What differs between SQLite and PostgreSQL; everything else is shared SQL.</summary>
internal abstract class SqlDialect
{
    /// <summary>How messages name the store: the file as given, or the PostgreSQL database.</summary>
    public abstract string StoreName { get; }

    /// <summary>The command-line option that chooses another store (for messages).</summary>
    public abstract string OtherStoreOption { get; }

    /// <summary>A surrogate key column definition.</summary>
    public abstract string AutoIdColumn { get; }

    public abstract string RealType { get; }

    public abstract DbConnection Open();

    /// <summary>Connection settings applied before anything is read (must not write to the store).</summary>
    public virtual void Configure(DbConnection connection)
    {
    }

    /// <summary>Settings applied once the schema version is known to be one this program can use.</summary>
    public virtual void PrepareForWrites(DbConnection connection)
    {
    }

    /// <summary>A query giving the number of tables named <c>@name</c>.</summary>
    protected abstract string TableCountSql { get; }

    public bool TableExists(DbConnection connection, DbTransaction? transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TableCountSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Starts a write transaction that excludes other writers until it ends.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A transaction that only reads: one moment of the store, without the write lock.</summary>
    public virtual DbTransaction BeginRead(DbConnection connection) => connection.BeginTransaction();

    /// <summary>Rows per multi-row INSERT of actions and their history.</summary>
    public virtual int InsertBatchRows => 1;

    /// <summary>How a run's submission revisions are written.</summary>
    public virtual SubmissionWriter SubmissionWriter(DbConnection connection, DbTransaction transaction, string templateId) =>
        new CommandSubmissionWriter(connection, transaction, templateId);

    /// <summary>
    /// Called inside a run's transaction once its audits and case actions are written and before its periods are
    /// planned, with the number of rows written. A dialect whose planner needs fresh statistics to use the store's
    /// indexes after a large load (a backlog recorded into a new store) refreshes them here.
    /// </summary>
    public virtual void AfterLargeWrite(DbConnection connection, DbTransaction transaction, int rows)
    {
    }

    /// <summary>A provider failure as the user should see it, or null to let it through.</summary>
    public abstract StoreException? Translate(Exception exception);

    /// <summary>
    /// Whether a database without AuditKit's schema already holds tables of its own (another program's database,
    /// which must be left alone). A PostgreSQL database may be shared with other schemas, so only SQLite says so.
    /// </summary>
    public virtual bool HoldsOtherTables(DbConnection connection) => false;

    /// <summary>A provider error in words that name no stored value (an error code, not the server's text).</summary>
    public abstract string Reason(DbException exception);

    /// <summary>The schema SQL with the dialect's types filled in.</summary>
    public string Render(string sql) => sql
        .Replace("{autoid}", AutoIdColumn, StringComparison.Ordinal)
        .Replace("{real}", RealType, StringComparison.Ordinal);

    protected static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
