using System.Data;
using System.Data.Common;
using AuditKit.Diagnostics;

namespace AuditKit.Store;

/// <summary>Samples drawn from caseloads, and the audits the programme counts.</summary>
internal sealed partial class SqlAuditStore
{
    public bool RecordSample(StoredSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var transaction = _dialect.BeginWrite(_connection);
            using (var exists = DbCommands.Create(_connection, transaction, "SELECT count(*) FROM samples WHERE sample_id = @id", ("@id", DbType.String)))
            {
                exists.Set(0, sample.Id);
                if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    return false;
                }
            }

            using (var insert = DbCommands.Create(
                _connection,
                transaction,
                "INSERT INTO samples (sample_id, as_of, template_id, seed, size, by_case_type, reserve, excluded_within, source, cases) "
                + "VALUES (@id, @as_of, @template, @seed, @size, @by, @reserve, @within, @source, @cases)",
                ("@id", DbType.String), ("@as_of", DbType.String), ("@template", DbType.String), ("@seed", DbType.Int64), ("@size", DbType.String),
                ("@by", DbType.Int32), ("@reserve", DbType.Int32), ("@within", DbType.String), ("@source", DbType.String), ("@cases", DbType.Int32)))
            {
                insert.Set(0, sample.Id);
                insert.Set(1, DbCommands.Iso(sample.AsOf));
                insert.Set(2, sample.TemplateId);
                insert.Set(3, (long)sample.Seed);
                insert.Set(4, sample.Size);
                insert.Set(5, sample.ByCaseType ? 1 : 0);
                insert.Set(6, sample.Reserve);
                insert.Set(7, sample.ExcludedWithin);
                insert.Set(8, sample.Source);
                insert.Set(9, sample.Cases.Length);
                insert.ExecuteNonQuery();
            }

            using (var row = DbCommands.Create(
                _connection,
                transaction,
                "INSERT INTO sample_cases (sample_id, position, case_ref, team, case_type, auditor, reserve) VALUES (@id, @position, @case, @team, @type, @auditor, @reserve)",
                ("@id", DbType.String), ("@position", DbType.Int32), ("@case", DbType.String), ("@team", DbType.String), ("@type", DbType.String),
                ("@auditor", DbType.String), ("@reserve", DbType.Int32)))
            {
                for (var i = 0; i < sample.Cases.Length; i++)
                {
                    var drawn = sample.Cases[i];
                    row.Set(0, sample.Id);
                    row.Set(1, i);
                    row.Set(2, drawn.CaseRef);
                    row.Set(3, drawn.Team);
                    row.Set(4, drawn.CaseType);
                    row.Set(5, drawn.Auditor);
                    row.Set(6, drawn.Reserve ? 1 : 0);
                    row.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return true;
        }
        catch (DbException exception)
        {
            throw new StoreException(
                Messages.StoreWriteFailedCode, Messages.StoreWriteFailed(_dialect.StoreName, _dialect.Reason(exception)), exception);
        }
    }

    public IReadOnlyList<StoredSample> Samples(DateOnly from, DateOnly to, string? templateId = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var samples = new List<(StoredSample Sample, List<StoredSampleCase> Cases)>();
        var byId = new Dictionary<string, List<StoredSampleCase>>(StringComparer.Ordinal);
        const string filter = " AND (@template IS NULL OR template_id = @template)";
        using (var command = DbCommands.Create(
            _connection,
            null,
            "SELECT sample_id, as_of, template_id, seed, size, by_case_type, reserve, excluded_within, source FROM samples "
            + "WHERE as_of >= @from AND as_of <= @to" + filter + " ORDER BY as_of, sample_id",
            ("@from", DbType.String), ("@to", DbType.String), ("@template", DbType.String)))
        {
            command.Set(0, DbCommands.Iso(from));
            command.Set(1, DbCommands.Iso(to));
            command.Set(2, templateId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var cases = new List<StoredSampleCase>();
                var sample = new StoredSample(
                    reader.GetString(0), DbCommands.ParseIso(reader.GetString(1)), reader.NullableString(2), checked((int)reader.Int64(3)), reader.GetString(4),
                    reader.Int32(5) != 0, reader.Int32(6), reader.NullableString(7), reader.GetString(8), []);
                samples.Add((sample, cases));
                byId[sample.Id] = cases;
            }
        }

        if (samples.Count == 0)
        {
            return [];
        }

        using (var command = DbCommands.Create(
            _connection,
            null,
            "SELECT c.sample_id, c.case_ref, c.team, c.case_type, c.auditor, c.reserve FROM sample_cases c JOIN samples s ON s.sample_id = c.sample_id "
            + "WHERE s.as_of >= @from AND s.as_of <= @to ORDER BY c.sample_id, c.position",
            ("@from", DbType.String), ("@to", DbType.String)))
        {
            command.Set(0, DbCommands.Iso(from));
            command.Set(1, DbCommands.Iso(to));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (byId.TryGetValue(reader.GetString(0), out var cases))
                {
                    cases.Add(new StoredSampleCase(reader.GetString(1), reader.GetString(2), reader.NullableString(3), reader.NullableString(4), reader.Int32(5) != 0));
                }
            }
        }

        return [.. samples.Select(s => s.Sample with { Cases = [.. s.Cases] })];
    }

    public IReadOnlyList<AuditedCase> AuditedCases(DateOnly from, DateOnly to, string? templateId = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        const string filter = " AND (@template IS NULL OR template_id = @template)";

        // A moderation audit (its 'moderates' names the first audit) is marked, so that it never counts towards a quota or
        // a sampled case.
        using var command = DbCommands.Create(
            _connection,
            null,
            "SELECT template_id, audit_id, audit_date, auditor, case_ref, case_type, team, moderates FROM submissions "
            + $"WHERE is_current = {Current} AND audit_date >= @from AND audit_date <= @to" + filter,
            ("@from", DbType.String), ("@to", DbType.String), ("@template", DbType.String));
        command.Set(0, DbCommands.Iso(from));
        command.Set(1, DbCommands.Iso(to));
        command.Set(2, templateId);
        using var reader = command.ExecuteReader();
        var audits = new List<AuditedCase>();
        while (reader.Read())
        {
            audits.Add(new AuditedCase(
                reader.GetString(0), reader.GetString(1), DbCommands.ParseIso(reader.GetString(2)), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                Moderation: !reader.IsDBNull(7)));
        }

        audits.Sort((a, b) =>
        {
            var c = a.AuditDate.CompareTo(b.AuditDate);
            c = c != 0 ? c : string.CompareOrdinal(a.TemplateId, b.TemplateId);
            return c != 0 ? c : string.CompareOrdinal(a.AuditId, b.AuditId);
        });
        return audits;
    }
}
