using System.Data;
using System.Data.Common;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>
/// Writes one run's actions into the register, inside the run's transaction: new actions raised, open ones refreshed,
/// closed ones left closed, superseded ones raised again, and open ones that nothing calls for any more superseded.
/// </summary>
/// <remarks>
/// Only the stored actions the run needs are read, by index: those it raises (by id, a few hundred per query, see
/// <see cref="Load"/>), the open case actions of its revised audits and the open team and service actions of the periods
/// it plans. Each is held as its status, due date and a digest of its wording and owners (not the texts).
/// </remarks>
internal sealed class RegisterWriter : IDisposable
{
    private const string StoredColumns = "action_id, status, text, owner, escalate_to, due";

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _templateId;
    private readonly string _asOf;
    private readonly Dictionary<string, Stored> _stored = new(StringComparer.Ordinal);

    // Ids looked up that the store does not hold.
    private readonly HashSet<string> _absent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);
    private readonly BatchInsert _insert;
    private readonly BatchInsert _history;
    private readonly DbCommand _refresh;
    private readonly DbCommand _setStatus;

    public RegisterWriter(DbConnection connection, DbTransaction transaction, string templateId, string asOf, int batchRows)
    {
        _connection = connection;
        _transaction = transaction;
        _templateId = templateId;
        _asOf = asOf;
        _insert = new BatchInsert(
            connection,
            transaction,
            "actions",
            [
                ("action_id", DbType.String), ("template_id", DbType.String), ("scope", DbType.String), ("team", DbType.String),
                ("case_ref", DbType.String), ("audit_id", DbType.String), ("criterion", DbType.String), ("text", DbType.String),
                ("owner", DbType.String), ("due", DbType.String), ("escalate_to", DbType.String), ("rule_key", DbType.String),
                ("compliance", DbType.Double), ("target", DbType.Double), ("status", DbType.String), ("created", DbType.String),
                ("updated", DbType.String), ("last_raised", DbType.String), ("period", DbType.String), ("reaudit_days", DbType.Int32),
            ],
            batchRows,
            "ON CONFLICT (action_id) DO NOTHING");
        _history = new BatchInsert(
            connection,
            transaction,
            "action_history",
            [
                ("action_id", DbType.String), ("at", DbType.String), ("change", DbType.String), ("status_from", DbType.String),
                ("status_to", DbType.String), ("note", DbType.String), ("changed_by", DbType.String),
            ],
            batchRows);
        _refresh = DbCommands.Create(
            connection,
            transaction,
            "UPDATE actions SET text = @text, owner = @owner, escalate_to = @escalate, compliance = @compliance, updated = @asof, last_raised = @asof WHERE action_id = @id",
            ("@text", DbType.String), ("@owner", DbType.String), ("@escalate", DbType.String), ("@compliance", DbType.Double), ("@asof", DbType.String), ("@id", DbType.String));
        _setStatus = DbCommands.Create(
            connection,
            transaction,
            "UPDATE actions SET status = @status, updated = @asof WHERE action_id = @id",
            ("@status", DbType.String), ("@asof", DbType.String), ("@id", DbType.String));
    }

    public int Added { get; private set; }

    public int Refreshed { get; private set; }

    public int Unchanged { get; private set; }

    public int KeptClosed { get; private set; }

    public int Superseded { get; private set; }

    /// <summary>Notes actions known not to be in the store (not raised yet in this run either), so that they are not looked for.</summary>
    public void NotStored(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (!_stored.ContainsKey(id))
            {
                _absent.Add(id);
            }
        }
    }

    /// <summary>
    /// Reads what the store holds of the actions with these ids that have not been read yet, a few hundred per query:
    /// call it before raising many actions, so that <see cref="Raise"/> does not look each one up on its own.
    /// </summary>
    public void Load(IEnumerable<string> ids)
    {
        var wanted = ids.Where(id => !_stored.ContainsKey(id) && !_absent.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        KeyedRead.ForEach(
            _connection,
            _transaction,
            // By the actions' key alone: with the template too, SQLite would go through the template's actions by the audits'
            // index instead (an id is a hash of its template among other parts, so it names an action of this template).
            $"SELECT {StoredColumns} FROM actions WHERE action_id IN ({{keys}})",
            [],
            wanted,
            reader => _stored[reader.GetString(0)] = Read(reader));
        _absent.UnionWith(wanted.Where(id => !_stored.ContainsKey(id)));
    }

    /// <summary>Records <paramref name="action"/> as raised by this run; returns the due date the register holds for it.</summary>
    public DateOnly Raise(FollowUpAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!_stored.ContainsKey(action.Id) && !_absent.Contains(action.Id))
        {
            Load([action.Id]);
        }

        _raised.Add(action.Id);
        var content = ActionContent.Digest(action.Text, action.Owner, action.EscalateTo);
        if (!_stored.TryGetValue(action.Id, out var existing))
        {
            _stored[action.Id] = new Stored(ActionStatus.Open, content, action.Due.DayNumber);
            _insert.Add(
                action.Id, _templateId, ActionScopes.Name(action.Scope), action.Team, action.CaseRef, action.AuditId, action.Criterion,
                action.Text, action.Owner, DbCommands.Iso(action.Due), action.EscalateTo, action.RuleKey, action.CompliancePercent,
                action.Target, "open", _asOf, _asOf, _asOf, action.Period, action.ReauditWithinWorkingDays);
            _history.Add(action.Id, _asOf, "raised", null, "open", action.Explanation, null);
            Added++;
            return action.Due;
        }

        var due = DateOnly.FromDayNumber(existing.DueDay);
        if (existing.Status.IsClosed())
        {
            // Closed stays closed: a later run raising the same action does not reopen or change it.
            KeptClosed++;
            return due;
        }

        if (existing.Status == ActionStatus.Superseded)
        {
            // Called for again (more audits arrived and the figure fell back, or a revision raises it again): open again,
            // with its first due date and history.
            Flush();
            Refresh(action);
            SetStatus(action.Id, ActionStatus.Open);
            _history.Add(action.Id, _asOf, "raised again", "superseded", "open", action.Explanation, null);
            _stored[action.Id] = existing with { Status = ActionStatus.Open, Content = content };
            Refreshed++;
            return due;
        }

        if (existing.Content != content)
        {
            // An open action keeps its due date and created date; only its wording and owner follow the latest run.
            // (Flushed first, so that an action raised twice in one run is in the table before it is refreshed.)
            Flush();
            Refresh(action);
            _stored[action.Id] = existing with { Content = content };
            _history.Add(action.Id, _asOf, "refreshed", existing.Status.ToContractName(), existing.Status.ToContractName(), null, null);
            Refreshed++;
            return due;
        }

        Unchanged++;
        return due;
    }

    /// <summary>
    /// Supersedes the open case actions of the audits given that this run did not raise again (their new revision no
    /// longer calls for them); actions it raised again keep their status and history.
    /// </summary>
    public void SupersedeCaseActionsOf(IReadOnlyDictionary<string, int> revisedAudits)
    {
        if (revisedAudits.Count == 0)
        {
            return;
        }

        // Revisions are few: their case actions are looked up by audit (the actions' index on template and audit).
        var found = new List<(string Id, Stored Stored, string AuditId)>();
        using (var read = DbCommands.Create(
            _connection,
            _transaction,
            $"SELECT {StoredColumns}, audit_id FROM actions WHERE template_id = @t AND scope = 'case' AND audit_id = @a AND status IN ('open', 'in_progress')",
            ("@t", DbType.String), ("@a", DbType.String)))
        {
            Flush();
            foreach (var audit in revisedAudits.Keys.Order(StringComparer.Ordinal))
            {
                read.Set(0, _templateId);
                read.Set(1, audit);
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    found.Add((reader.GetString(0), Read(reader), audit));
                }
            }
        }

        foreach (var (id, stored, audit) in found)
        {
            if (!_raised.Contains(id))
            {
                Supersede(id, stored, $"revision {revisedAudits[audit]} of audit {audit} no longer raises it");
            }
        }
    }

    /// <summary>Supersedes the period's open team and service actions that its figures no longer call for.</summary>
    public void SupersedePeriodActions(string period, int audits)
    {
        foreach (var (id, stored) in Candidates("period = @p", ("@p", DbType.String, period)))
        {
            Supersede(id, stored, $"the figures of {period}, from {audits} audits in the store, no longer call for it");
        }
    }

    /// <summary>
    /// Supersedes the open team and service actions recorded before figures were worked out per period (each planned from
    /// one run's files alone): the periods planned from the store take their place.
    /// </summary>
    public void SupersedeActionsWithoutPeriod()
    {
        foreach (var (id, stored) in Candidates("period IS NULL"))
        {
            Supersede(id, stored, "planned from one run's files alone; team and service actions now come from each period's audits in the store");
        }
    }

    public void Flush()
    {
        _insert.Flush();
        _history.Flush();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _history.Dispose();
        _refresh.Dispose();
        _setStatus.Dispose();
    }

    /// <summary>
    /// The open or in-progress team and service actions of the template matching <paramref name="condition"/> that this run
    /// has not raised, by id (found through the index of team and service actions by template and period).
    /// </summary>
    private List<(string Id, Stored Stored)> Candidates(string condition, params (string Name, DbType Type, object? Value)[] parameters)
    {
        Flush();
        using var read = DbCommands.Create(
            _connection,
            _transaction,
            $"SELECT {StoredColumns} FROM actions WHERE template_id = @t AND scope <> 'case' AND {condition} AND status IN ('open', 'in_progress')",
            [("@t", DbType.String), .. parameters.Select(p => (p.Name, p.Type))]);
        read.Set(0, _templateId);
        for (var i = 0; i < parameters.Length; i++)
        {
            read.Set(i + 1, parameters[i].Value);
        }

        var found = new List<(string Id, Stored Stored)>();
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!_raised.Contains(id))
                {
                    found.Add((id, Read(reader)));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return found;
    }

    private void Supersede(string id, Stored stored, string why)
    {
        Flush();
        SetStatus(id, ActionStatus.Superseded);
        _history.Add(id, _asOf, "superseded", stored.Status.ToContractName(), "superseded", why, null);
        _stored[id] = stored with { Status = ActionStatus.Superseded };
        Superseded++;
    }

    private void Refresh(FollowUpAction action)
    {
        _refresh.Set(0, action.Text);
        _refresh.Set(1, action.Owner);
        _refresh.Set(2, action.EscalateTo);
        _refresh.Set(3, action.CompliancePercent);
        _refresh.Set(4, _asOf);
        _refresh.Set(5, action.Id);
        _refresh.ExecuteNonQuery();
    }

    private void SetStatus(string id, ActionStatus status)
    {
        _setStatus.Set(0, status.ToContractName());
        _setStatus.Set(1, _asOf);
        _setStatus.Set(2, id);
        _setStatus.ExecuteNonQuery();
    }

    /// <summary>An action as <see cref="StoredColumns"/> read it.</summary>
    private static Stored Read(DbDataReader reader)
    {
        ActionStatusNames.TryParse(reader.GetString(1), out var status);
        return new Stored(
            status,
            ActionContent.Digest(reader.GetString(2), reader.GetString(3), reader.NullableString(4)),
            DbCommands.ParseIso(reader.GetString(5)).DayNumber);
    }

    private readonly record struct Stored(ActionStatus Status, UInt128 Content, int DueDay);
}
