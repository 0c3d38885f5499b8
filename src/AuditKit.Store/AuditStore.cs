namespace AuditKit.Store;

/// <summary>Opens a history store, creating or migrating its schema first.</summary>
public static class AuditStore
{
    /// <summary>The default SQLite file name, in the current folder.</summary>
    public const string DefaultFileName = "auditkit.db";

    /// <summary>Opens (creating if need be) an SQLite store file.</summary>
    /// <exception cref="StoreException">The file is not a store, is newer than this program, or cannot be opened.</exception>
    public static IAuditStore OpenSqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dialect = new SqliteDialect(path);
        return new GuardedAuditStore(SqlAuditStore.Open(dialect), dialect);
    }

    /// <summary>Opens a PostgreSQL store (an existing database; tables are created on first use).</summary>
    /// <exception cref="StoreException">The server cannot be reached or the schema is newer than this program.</exception>
    public static IAuditStore OpenPostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        PostgresDialect dialect;
        try
        {
            dialect = new PostgresDialect(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new StoreException(
                Diagnostics.Messages.StoreCannotOpenCode,
                Diagnostics.Messages.StoreCannotOpen("the PostgreSQL database", "the connection string is not valid."),
                exception);
        }

        return new GuardedAuditStore(SqlAuditStore.Open(dialect), dialect);
    }
}
