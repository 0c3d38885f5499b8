using System.Data;
using System.Data.Common;
using AuditKit.Reporting;

namespace AuditKit.Store;

/// <summary>
/// Writes submission revisions inside a run's transaction. <see cref="Supersede"/> and <see cref="Insert"/> may be
/// carried out later than they are called (for example after a bulk copy), but all before <see cref="Complete"/>
/// returns; disposing without completing leaves the rest to the transaction's rollback.
/// </summary>
internal abstract class SubmissionWriter : IDisposable
{
    public const string Columns =
        "template_id, audit_id, revision, is_current, content_hash, template_version, template_hash, audit_date, auditor, case_ref, "
        + "case_type, team, service, practitioner, auditor_grade, grade, score, recorded_as_of, outcomes, comments, moderates";

    /// <summary>Marks revision <paramref name="revision"/> of the audit as no longer current.</summary>
    public abstract void Supersede(string auditId, int revision);

    /// <summary>Adds a current revision.</summary>
    /// <param name="comments">The revision's comments as <see cref="CaseComments"/> encodes them, or null.</param>
    public abstract void Insert(StoredTemplate template, CaseRow row, int revision, string hash, string asOf, string outcomes, string? comments);

    public abstract void Complete();

    public abstract void Dispose();
}

/// <summary>Prepared INSERT and UPDATE commands, reused for every row (SQLite: each is a few microseconds).</summary>
internal sealed class CommandSubmissionWriter : SubmissionWriter
{
    private readonly DbCommand _supersede;
    private readonly DbCommand _insert;

    public CommandSubmissionWriter(DbConnection connection, DbTransaction transaction, string templateId)
    {
        _supersede = DbCommands.Create(
            connection,
            transaction,
            "UPDATE submissions SET is_current = 0 WHERE template_id = @t AND audit_id = @a AND revision = @r",
            ("@t", DbType.String), ("@a", DbType.String), ("@r", DbType.Int32));
        _supersede.Set(0, templateId);
        _insert = DbCommands.Create(
            connection,
            transaction,
            $"""
            INSERT INTO submissions ({Columns})
            VALUES (@t, @audit, @revision, 1, @hash, @tv, @th, @date, @auditor, @case_ref, @case_type, @team, @service,
                @practitioner, @auditor_grade, @grade, @score, @asof, @outcomes, @comments, @moderates)
            """,
            ("@t", DbType.String), ("@audit", DbType.String), ("@revision", DbType.Int32), ("@hash", DbType.String),
            ("@tv", DbType.Int32), ("@th", DbType.String), ("@date", DbType.String), ("@auditor", DbType.String),
            ("@case_ref", DbType.String), ("@case_type", DbType.String), ("@team", DbType.String), ("@service", DbType.String),
            ("@practitioner", DbType.String), ("@auditor_grade", DbType.String), ("@grade", DbType.String),
            ("@score", DbType.Double), ("@asof", DbType.String), ("@outcomes", DbType.String), ("@comments", DbType.String),
            ("@moderates", DbType.String));
        _supersede.Prepare();
        _insert.Prepare();
    }

    public override void Supersede(string auditId, int revision)
    {
        _supersede.Set(1, auditId);
        _supersede.Set(2, revision);
        _supersede.ExecuteNonQuery();
    }

    public override void Insert(StoredTemplate template, CaseRow row, int revision, string hash, string asOf, string outcomes, string? comments)
    {
        _insert.Set(0, template.Id);
        _insert.Set(1, row.AuditId);
        _insert.Set(2, revision);
        _insert.Set(3, hash);
        _insert.Set(4, template.Version);
        _insert.Set(5, template.SourceHash);
        _insert.Set(6, DbCommands.Iso(row.AuditDate));
        _insert.Set(7, row.Auditor);
        _insert.Set(8, row.CaseRef);
        _insert.Set(9, row.CaseType);
        _insert.Set(10, row.Team);
        _insert.Set(11, row.Service);
        _insert.Set(12, row.Practitioner);
        _insert.Set(13, row.AuditorGrade);
        _insert.Set(14, row.Grade);
        _insert.Set(15, row.Score);
        _insert.Set(16, asOf);
        _insert.Set(17, outcomes);
        _insert.Set(18, comments);
        _insert.Set(19, row.Moderates);
        _insert.ExecuteNonQuery();
    }

    public override void Complete()
    {
    }

    public override void Dispose()
    {
        _supersede.Dispose();
        _insert.Dispose();
    }
}
