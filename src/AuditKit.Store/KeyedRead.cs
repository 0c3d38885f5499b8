using System.Data;
using System.Data.Common;
using System.Globalization;

namespace AuditKit.Store;

/// <summary>
/// Reads the rows of a list of keys through an index, a few hundred keys per query (<c>key IN (@k0, @k1, ...)</c>), so that
/// a run touching a few thousand audits of a store of millions reads those alone, in a few round trips.
/// </summary>
internal static class KeyedRead
{
    /// <summary>Keys per query: well under SQLite's and PostgreSQL's limits on parameters.</summary>
    public const int ChunkSize = 500;

    /// <summary>
    /// Runs <paramref name="sql"/> for each chunk of <paramref name="keys"/> (their placeholder list replaces <c>{keys}</c>;
    /// <paramref name="parameters"/> are the query's other parameters, set on every chunk) and hands each row to
    /// <paramref name="row"/>.
    /// </summary>
    public static void ForEach(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        IReadOnlyList<(string Name, DbType Type, object? Value)> parameters,
        IReadOnlyList<string> keys,
        Action<DbDataReader> row)
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < keys.Count; start += ChunkSize)
            {
                var count = Math.Min(ChunkSize, keys.Count - start);
                var command = count == ChunkSize ? full ??= Command(connection, transaction, sql, parameters, count) : Command(connection, transaction, sql, parameters, count);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        command.Set(parameters.Count + i, keys[start + i]);
                    }

                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        row(reader);
                    }
                }
                finally
                {
                    if (command != full)
                    {
                        command.Dispose();
                    }
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static DbCommand Command(
        DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, DbType Type, object? Value)> parameters, int keys)
    {
        var names = Enumerable.Range(0, keys).Select(i => "@k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var command = DbCommands.Create(
            connection,
            transaction,
            sql.Replace("{keys}", string.Join(", ", names), StringComparison.Ordinal),
            [.. parameters.Select(p => (p.Name, p.Type)), .. names.Select(n => (n, DbType.String))]);
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Set(i, parameters[i].Value);
        }

        return command;
    }
}
