using System.Data.Common;
using AuditKit.Reporting;
using Npgsql;
using NpgsqlTypes;

namespace AuditKit.Store;

/// <summary>
/// PostgreSQL: new revisions go in through one binary COPY (no round trip per row); the few superseded revisions
/// are marked afterwards in one UPDATE, still inside the run's transaction.
/// </summary>
internal sealed class PostgresCopySubmissionWriter(NpgsqlConnection connection, DbTransaction transaction, string templateId) : SubmissionWriter
{
    private readonly List<string> _supersededAudits = [];
    private readonly List<int> _supersededRevisions = [];
    private NpgsqlBinaryImporter? _copy;

    public override void Supersede(string auditId, int revision)
    {
        _supersededAudits.Add(auditId);
        _supersededRevisions.Add(revision);
    }

    public override void Insert(StoredTemplate template, CaseRow row, int revision, string hash, string asOf, string outcomes, string? comments)
    {
        var copy = _copy ??= connection.BeginBinaryImport($"COPY submissions ({Columns}) FROM STDIN (FORMAT BINARY)");
        copy.StartRow();
        copy.Write(template.Id, NpgsqlDbType.Text);
        copy.Write(row.AuditId, NpgsqlDbType.Text);
        copy.Write(revision, NpgsqlDbType.Integer);
        copy.Write(1, NpgsqlDbType.Integer);
        copy.Write(hash, NpgsqlDbType.Text);
        copy.Write(template.Version, NpgsqlDbType.Integer);
        copy.Write(template.SourceHash, NpgsqlDbType.Text);
        copy.Write(DbCommands.Iso(row.AuditDate), NpgsqlDbType.Text);
        copy.Write(row.Auditor, NpgsqlDbType.Text);
        copy.Write(row.CaseRef, NpgsqlDbType.Text);
        copy.Write(row.CaseType, NpgsqlDbType.Text);
        copy.Write(row.Team, NpgsqlDbType.Text);
        WriteText(copy, row.Service);
        WriteText(copy, row.Practitioner);
        WriteText(copy, row.AuditorGrade);
        WriteText(copy, row.Grade);
        if (row.Score is { } score)
        {
            copy.Write(score, NpgsqlDbType.Double);
        }
        else
        {
            copy.WriteNull();
        }

        copy.Write(asOf, NpgsqlDbType.Text);
        copy.Write(outcomes, NpgsqlDbType.Text);
        WriteText(copy, comments);
        WriteText(copy, row.Moderates);
    }

    public override void Complete()
    {
        if (_copy is not null)
        {
            _copy.Complete();
            _copy.Dispose();
            _copy = null;
        }

        if (_supersededAudits.Count == 0)
        {
            return;
        }

        using var update = connection.CreateCommand();
        update.Transaction = (NpgsqlTransaction)transaction;
        update.CommandText = """
            UPDATE submissions s SET is_current = 0
            FROM unnest(@audits, @revisions) AS u(audit_id, revision)
            WHERE s.template_id = @t AND s.audit_id = u.audit_id AND s.revision = u.revision
            """;
        update.Parameters.Add(new NpgsqlParameter<string[]>("audits", [.. _supersededAudits]));
        update.Parameters.Add(new NpgsqlParameter<int[]>("revisions", [.. _supersededRevisions]));
        update.Parameters.Add(new NpgsqlParameter<string>("t", templateId));
        update.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        // Without Complete the COPY is cancelled; the transaction's rollback discards whatever was sent.
        _copy?.Dispose();
        _copy = null;
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }
}
