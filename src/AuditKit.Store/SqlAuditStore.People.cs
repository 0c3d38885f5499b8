using System.Data;
using System.Globalization;
using System.Text.Json;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>The web app's people and keys (<see cref="IPeopleStore"/>).</summary>
internal sealed partial class SqlAuditStore : IPeopleStore
{
    private const string UserColumns = "email, name, role, team, service, password_hash, disabled, failed_sign_ins, locked_until, created";

    public bool AddUser(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using (var exists = DbCommands.Create(_connection, transaction, "SELECT COUNT(*) FROM users WHERE email = @e", ("@e", DbType.String)))
        {
            exists.Set(0, user.Email.ToLowerInvariant());
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        using var insert = DbCommands.Create(
            _connection,
            transaction,
            $"INSERT INTO users ({UserColumns}) VALUES (@e, @n, @r, @t, @s, @h, @d, @f, @l, @c)",
            ("@e", DbType.String), ("@n", DbType.String), ("@r", DbType.String), ("@t", DbType.String), ("@s", DbType.String),
            ("@h", DbType.String), ("@d", DbType.Int32), ("@f", DbType.Int32), ("@l", DbType.String), ("@c", DbType.String));
        insert.Set(0, user.Email.ToLowerInvariant());
        insert.Set(1, user.Name);
        insert.Set(2, user.Role);
        insert.Set(3, user.Team);
        insert.Set(4, user.Service);
        insert.Set(5, user.PasswordHash);
        insert.Set(6, user.Disabled ? 1 : 0);
        insert.Set(7, user.FailedSignIns);
        insert.Set(8, user.LockedUntil?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        insert.Set(9, DbCommands.Iso(user.Created));
        insert.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    public StoredUser? FindUser(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(_connection, null, $"SELECT {UserColumns} FROM users WHERE email = @e", ("@e", DbType.String));
        read.Set(0, email.Trim().ToLowerInvariant());
        using var reader = read.ExecuteReader();
        return reader.Read() ? ReadUser(reader) : null;
    }

    public IReadOnlyList<StoredUser> ListUsers()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(_connection, null, $"SELECT {UserColumns} FROM users ORDER BY email");
        using var reader = read.ExecuteReader();
        var users = new List<StoredUser>();
        while (reader.Read())
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    public bool DisableUser(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using var update = DbCommands.Create(_connection, transaction, "UPDATE users SET disabled = 1 WHERE email = @e", ("@e", DbType.String));
        update.Set(0, email.Trim().ToLowerInvariant());
        var changed = update.ExecuteNonQuery() > 0;
        transaction.Commit();
        return changed;
    }

    public void RecordSignIn(string email, int failedSignIns, DateTimeOffset? lockedUntil)
    {
        ArgumentNullException.ThrowIfNull(email);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using var update = DbCommands.Create(
            _connection, transaction, "UPDATE users SET failed_sign_ins = @f, locked_until = @l WHERE email = @e",
            ("@f", DbType.Int32), ("@l", DbType.String), ("@e", DbType.String));
        update.Set(0, failedSignIns);
        update.Set(1, lockedUntil?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        update.Set(2, email.Trim().ToLowerInvariant());
        update.ExecuteNonQuery();
        transaction.Commit();
    }

    public IReadOnlyList<KeyValuePair<string, string>> DataProtectionKeys()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(_connection, null, "SELECT name, xml FROM data_protection_keys ORDER BY name");
        using var reader = read.ExecuteReader();
        var keys = new List<KeyValuePair<string, string>>();
        while (reader.Read())
        {
            keys.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    public void StoreDataProtectionKey(string name, string xml)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xml);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection);
        using (var delete = DbCommands.Create(_connection, transaction, "DELETE FROM data_protection_keys WHERE name = @n", ("@n", DbType.String)))
        {
            delete.Set(0, name);
            delete.ExecuteNonQuery();
        }

        using var insert = DbCommands.Create(
            _connection, transaction, "INSERT INTO data_protection_keys (name, xml) VALUES (@n, @x)", ("@n", DbType.String), ("@x", DbType.String));
        insert.Set(0, name);
        insert.Set(1, xml);
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    public StoredAudit? ReadAudit(string auditId)
    {
        ArgumentNullException.ThrowIfNull(auditId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        string templateId;
        int version;
        string hash;
        string? codes;
        string? comments;
        Reporting.CaseRow row;
        using (var read = DbCommands.Create(
            _connection,
            null,
            """
            SELECT audit_id, audit_date, auditor, case_ref, case_type, team, service, practitioner, auditor_grade, grade, score,
                   outcomes, template_version, template_hash, moderates, template_id, comments
            FROM submissions WHERE audit_id = @a AND is_current = 1 ORDER BY template_id
            """,
            ("@a", DbType.String)))
        {
            read.Set(0, auditId);
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            codes = reader.NullableString(11);
            version = reader.Int32(12);
            hash = reader.GetString(13);
            templateId = reader.GetString(15);
            comments = reader.NullableString(16);
            row = CaseRowAt(reader, []);
        }

        var criteria = CriteriaByVersion(null, templateId).GetValueOrDefault((version, hash)) ?? [];
        var text = codes ?? string.Empty;
        var outcomes = criteria.Select((_, i) => i < text.Length && OutcomeCodes.TryDecode(text[i], out var outcome) ? outcome : Outcome.NotApplicable);
        var byCriterion = new Dictionary<string, string>(StringComparer.Ordinal);
        if (comments is not null)
        {
            using var json = JsonDocument.Parse(comments);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                byCriterion[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return new StoredAudit(templateId, row with { Outcomes = [.. outcomes] }, criteria, [.. criteria.Select(c => byCriterion.GetValueOrDefault(c))]);
    }

    public IReadOnlyList<TeamService> TeamServices()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var read = DbCommands.Create(
            _connection, null, "SELECT team, MAX(service) FROM submissions WHERE is_current = 1 GROUP BY team ORDER BY team");
        using var reader = read.ExecuteReader();
        var teams = new List<TeamService>();
        while (reader.Read())
        {
            teams.Add(new TeamService(reader.GetString(0), reader.NullableString(1)));
        }

        return teams;
    }

    private static StoredUser ReadUser(System.Data.Common.DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.NullableString(3),
        reader.NullableString(4),
        reader.GetString(5),
        reader.Int32(6) != 0,
        reader.Int32(7),
        reader.NullableString(8) is { } locked ? DateTimeOffset.Parse(locked, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
        DbCommands.ParseIso(reader.GetString(9)));
}
