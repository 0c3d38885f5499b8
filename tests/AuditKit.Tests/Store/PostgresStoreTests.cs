using AuditKit.Store;
using Npgsql;

namespace AuditKit.Tests.Store;

/// <summary>The shared store suite on a fresh database of a real PostgreSQL server started for the tests.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests
{
    private readonly Lazy<string> _connectionString = new(server.CreateDatabase);

    protected override IAuditStore OpenStore() => AuditStore.OpenPostgres(_connectionString.Value);

    protected override IAuditStore SqlAuditStoreAt(int version) => SqlAuditStore.Open(new PostgresDialect(_connectionString.Value), version);

    protected override object? Raw(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [StoreFact]
    public void Open_UnreachableServer_ThrowsAClearStoreException()
    {
        var error = Should.Throw<StoreException>(() => AuditStore.OpenPostgres("Host=127.0.0.1;Port=1;Database=nothing;Username=nobody;Timeout=2"));

        error.Code.ShouldBe("AK5004");
        error.Message.ShouldBe("Cannot open the PostgreSQL database 'nothing': the server could not be reached. Check --connection (host, port, database, user).");
    }

    [StoreFact]
    public void AfterLargeWrite_RefreshesPlannerStatisticsInsideTheTransaction_OnlyForALargeWrite()
    {
        AuditStore.OpenPostgres(_connectionString.Value).Dispose();
        var dialect = new PostgresDialect(_connectionString.Value);
        using var connection = dialect.Open();

        // PostgreSQL 14 and later give a table never analysed reltuples -1; ANALYZE sets it to what it sampled.
        double Reltuples(Npgsql.NpgsqlTransaction transaction)
        {
            using var command = new NpgsqlCommand("SELECT reltuples FROM pg_class WHERE relname = 'submissions'", (NpgsqlConnection)connection, transaction);
            return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var small = ((NpgsqlConnection)connection).BeginTransaction())
        {
            dialect.AfterLargeWrite(connection, small, PostgresDialect.StatisticsRefreshRows - 1);
            Reltuples(small).ShouldBe(-1);
        }

        using var large = ((NpgsqlConnection)connection).BeginTransaction();
        dialect.AfterLargeWrite(connection, large, PostgresDialect.StatisticsRefreshRows);
        Reltuples(large).ShouldBe(0);
    }
}
