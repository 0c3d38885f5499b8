using System.Data.Common;
using AuditKit.Diagnostics;
using Npgsql;

namespace AuditKit.Store;

/// <summary>PostgreSQL: writes hold a transaction-level advisory lock, so runs are recorded one at a time.</summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    /// <summary>The advisory lock key: "AUDITKIT" in ASCII.</summary>
    public const long WriteLockKey = 0x4155_4449_544B_4954;

    private readonly NpgsqlConnectionStringBuilder _builder = new(connectionString);

    public override string StoreName => $"the PostgreSQL database '{_builder.Database ?? _builder.Username ?? "postgres"}'";

    public override string OtherStoreOption => "--connection";

    public override string AutoIdColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string RealType => "DOUBLE PRECISION";

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(_builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override string TableCountSql => "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        try
        {
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({WriteLockKey})");
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>100 rows (1,800 parameters) per statement: a round trip per 100 actions rather than per action.</summary>
    public override int InsertBatchRows => 100;

    /// <summary>Rows written in one run from which the tables' statistics are refreshed before its periods are planned.</summary>
    internal const int StatisticsRefreshRows = 20_000;

    // Without statistics for rows this transaction just wrote (autovacuum sees them only after the commit), PostgreSQL
    // guesses tables to be small and reads a period's audits and re-audit actions by scanning: recording a backlog of a
    // million audits in one run spent most of its time there. ANALYZE may run inside the transaction and samples its rows.
    public override void AfterLargeWrite(DbConnection connection, DbTransaction transaction, int rows)
    {
        if (rows >= StatisticsRefreshRows)
        {
            Execute(connection, transaction, "ANALYZE submissions, actions");
        }
    }

    public override SubmissionWriter SubmissionWriter(DbConnection connection, DbTransaction transaction, string templateId) =>
        new PostgresCopySubmissionWriter((NpgsqlConnection)connection, transaction, templateId);

    public override string Reason(DbException exception) => exception switch
    {
        PostgresException pg => Messages.PostgresCause(pg.SqlState),
        _ => "the connection to the server failed.",
    };

    public override StoreException? Translate(Exception exception) => exception switch
    {
        PostgresException pg => new StoreException(
            Messages.StoreCannotOpenCode,
            Messages.StoreCannotOpen(StoreName, Messages.PostgresCause(pg.SqlState)),
            exception),
        NpgsqlException => new StoreException(
            Messages.StoreCannotOpenCode,
            Messages.StoreCannotOpen(StoreName, "the server could not be reached. Check --connection (host, port, database, user)."),
            exception),
        _ => null,
    };
}
