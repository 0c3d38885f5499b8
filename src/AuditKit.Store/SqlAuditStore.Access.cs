using System.Data;
using System.Globalization;
using System.Text;

namespace AuditKit.Store;

/// <summary>The access log and API tokens (<see cref="IAccessStore"/>).</summary>
internal sealed partial class SqlAuditStore : IAccessStore
{
    private const string AccessColumns = "at, person, event, object_kind, object_id, case_ref, detail, via";

    private const string TokenColumns = "token_id, email, name, token_hash, created, expires, revoked";

    /// <summary>One insert in its own implicit transaction: committed with the request that made it, nothing held in memory.</summary>
    public void RecordAccess(AccessEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var insert = DbCommands.Create(
            _connection,
            null,
            $"INSERT INTO access_log ({AccessColumns}) VALUES (@at, @p, @e, @k, @i, @c, @d, @v)",
            ("@at", DbType.String), ("@p", DbType.String), ("@e", DbType.String), ("@k", DbType.String), ("@i", DbType.String),
            ("@c", DbType.String), ("@d", DbType.String), ("@v", DbType.String));
        insert.Set(0, Instant(entry.At));
        insert.Set(1, entry.Person.Trim().ToLowerInvariant());
        insert.Set(2, entry.Event);
        insert.Set(3, entry.ObjectKind);
        insert.Set(4, entry.ObjectId);
        insert.Set(5, entry.CaseRef);
        insert.Set(6, entry.Detail);
        insert.Set(7, entry.Via);
        insert.ExecuteNonQuery();
    }

    public IReadOnlyList<AccessEntry> ListAccess(AccessFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var where = new List<string>();
        var parameters = new List<(string Name, DbType Type)>();
        var values = new List<object?>();
        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            parameters.Add((name, DbType.String));
            values.Add(value);
        }

        if (filter.Person is { } person)
        {
            Add("person = @p", "@p", person.Trim().ToLowerInvariant());
        }

        if (filter.CaseRef is { } caseRef)
        {
            // Ignoring case, by the index of the lowered reference (case references are letters, digits and dashes).
            Add("LOWER(case_ref) = @c", "@c", caseRef.Trim().ToLowerInvariant());
        }

        if (filter.From is { } from)
        {
            Add("at >= @f", "@f", DbCommands.Iso(from));
        }

        if (filter.To is { } to)
        {
            Add("at < @t", "@t", DbCommands.Iso(to.AddDays(1)));
        }

        var sql = new StringBuilder($"SELECT {AccessColumns} FROM access_log");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY at DESC, entry_id DESC");
        if (filter.Limit is { } limit)
        {
            sql.Append(CultureInfo.InvariantCulture, $" LIMIT {Math.Max(0, limit)}");
        }

        using var read = DbCommands.Create(_connection, null, sql.ToString(), [.. parameters]);
        for (var i = 0; i < values.Count; i++)
        {
            read.Set(i, values[i]);
        }

        using var reader = read.ExecuteReader();
        var entries = new List<AccessEntry>();
        while (reader.Read())
        {
            entries.Add(new AccessEntry(
                ParseInstant(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.NullableString(3),
                reader.NullableString(4),
                reader.NullableString(5),
                reader.NullableString(6),
                reader.GetString(7)));
        }

        return entries;
    }

    public void AddToken(StoredToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using var insert = DbCommands.Create(
            _connection,
            transaction,
            $"INSERT INTO api_tokens ({TokenColumns}) VALUES (@i, @e, @n, @h, @c, @x, @r)",
            ("@i", DbType.String), ("@e", DbType.String), ("@n", DbType.String), ("@h", DbType.String), ("@c", DbType.String),
            ("@x", DbType.String), ("@r", DbType.String));
        insert.Set(0, token.Id);
        insert.Set(1, token.Email.Trim().ToLowerInvariant());
        insert.Set(2, token.Name);
        insert.Set(3, token.Hash);
        insert.Set(4, Instant(token.Created));
        insert.Set(5, token.Expires is { } expires ? DbCommands.Iso(expires) : null);
        insert.Set(6, token.Revoked is { } revoked ? Instant(revoked) : null);
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    public StoredToken? FindToken(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(_connection, null, $"SELECT {TokenColumns} FROM api_tokens WHERE token_hash = @h", ("@h", DbType.String));
        read.Set(0, hash);
        using var reader = read.ExecuteReader();
        return reader.Read() ? ReadToken(reader) : null;
    }

    public IReadOnlyList<StoredToken> ListTokens()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(_connection, null, $"SELECT {TokenColumns} FROM api_tokens ORDER BY created DESC, token_id");
        using var reader = read.ExecuteReader();
        var tokens = new List<StoredToken>();
        while (reader.Read())
        {
            tokens.Add(ReadToken(reader));
        }

        return tokens;
    }

    public bool RevokeToken(string id, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using var update = DbCommands.Create(
            _connection, transaction, "UPDATE api_tokens SET revoked = @r WHERE token_id = @i AND revoked IS NULL", ("@r", DbType.String), ("@i", DbType.String));
        update.Set(0, Instant(at));
        update.Set(1, id.Trim().ToLowerInvariant());
        var changed = update.ExecuteNonQuery() > 0;
        transaction.Commit();
        return changed;
    }

    private static StoredToken ReadToken(System.Data.Common.DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        ParseInstant(reader.GetString(4)),
        reader.NullableString(5) is { } expires ? DbCommands.ParseIso(expires) : null,
        reader.NullableString(6) is { } revoked ? ParseInstant(revoked) : null);

    /// <summary>UTC to the tick, fixed width, so that text order is time order in both providers.</summary>
    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
