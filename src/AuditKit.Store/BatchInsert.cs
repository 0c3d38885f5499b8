using System.Data;
using System.Data.Common;
using System.Text;

namespace AuditKit.Store;

/// <summary>
/// Inserts rows with a prepared command reused for every batch: one multi-row <c>INSERT ... VALUES (...), (...)</c>
/// per <c>batchRows</c> rows. On a server that saves a round trip per row; SQLite, which looks parameters up by name
/// in a linear scan, is fastest with one row per statement (<see cref="SqlDialect.InsertBatchRows"/>).
/// </summary>
internal sealed class BatchInsert : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly (string Column, DbType Type)[] _columns;
    private readonly string? _suffix;
    private readonly int _batchRows;
    private readonly List<object?[]> _pending;
    private DbCommand? _full;

    public BatchInsert(DbConnection connection, DbTransaction transaction, string table, (string Column, DbType Type)[] columns, int batchRows, string? suffix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        _batchRows = batchRows;
        _pending = new List<object?[]>(batchRows);
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
        _suffix = suffix;
    }

    /// <summary>Adds a row (values in column order); written when the batch is full or on <see cref="Flush"/>.</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} values for '{_table}'.", nameof(values));
        }

        _pending.Add(values);
        if (_pending.Count == _batchRows)
        {
            _full ??= Command(_batchRows);
            Write(_full);
        }
    }

    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        using var tail = Command(_pending.Count);
        Write(tail);
    }

    private void Write(DbCommand command)
    {
        var index = 0;
        foreach (var row in _pending)
        {
            foreach (var value in row)
            {
                command.Parameters[index++].Value = value ?? DBNull.Value;
            }
        }

        command.ExecuteNonQuery();
        _pending.Clear();
    }

    private DbCommand Command(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(_table).Append(" (")
            .AppendJoin(", ", _columns.Select(c => c.Column)).Append(") VALUES ");
        var parameters = new List<(string, DbType)>(rows * _columns.Length);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? string.Empty : ", ").Append(name);
                parameters.Add((name, _columns[c].Type));
            }

            sql.Append(')');
        }

        if (_suffix is not null)
        {
            sql.Append(' ').Append(_suffix);
        }

        var command = DbCommands.Create(_connection, _transaction, sql.ToString(), [.. parameters]);
        command.Prepare();
        return command;
    }

    public void Dispose() => _full?.Dispose();
}
