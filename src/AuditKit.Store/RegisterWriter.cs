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
/// Every stored action of the template is read once, as its status, scope, period, due date and a digest of its
/// wording and owners (not the texts: a run of millions of actions would otherwise hold every text a second time).
/// </remarks>
internal sealed class RegisterWriter : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _templateId;
    private readonly string _asOf;
    private readonly Dictionary<string, Stored> _stored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);

    // The team and service actions among them: the few that periods supersede, looked at without going through every
    // case action of the template for each period.
    private readonly List<string> _teamAndService = [];
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
        ReadStored();
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

    /// <summary>Records <paramref name="action"/> as raised by this run; returns the due date the register holds for it.</summary>
    public DateOnly Raise(FollowUpAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _raised.Add(action.Id);
        var content = ActionContent.Digest(action.Text, action.Owner, action.EscalateTo);
        if (!_stored.TryGetValue(action.Id, out var existing))
        {
            _stored[action.Id] = new Stored(ActionStatus.Open, content, action.Scope, action.Period, action.Due.DayNumber);
            if (action.Scope != ActionScope.Case)
            {
                _teamAndService.Add(action.Id);
            }

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

        // Revisions are few: their case actions are looked up by audit rather than held for every action.
        var found = new List<(string Id, string AuditId)>();
        using (var read = DbCommands.Create(
            _connection,
            _transaction,
            "SELECT action_id FROM actions WHERE template_id = @t AND scope = 'case' AND audit_id = @a AND status IN ('open', 'in_progress')",
            ("@t", DbType.String), ("@a", DbType.String)))
        {
            foreach (var audit in revisedAudits.Keys.Order(StringComparer.Ordinal))
            {
                read.Set(0, _templateId);
                read.Set(1, audit);
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    found.Add((reader.GetString(0), audit));
                }
            }
        }

        foreach (var (id, audit) in found)
        {
            if (!_raised.Contains(id) && _stored.TryGetValue(id, out var stored) && stored.Status is ActionStatus.Open or ActionStatus.InProgress)
            {
                Supersede(id, stored, $"revision {revisedAudits[audit]} of audit {audit} no longer raises it");
            }
        }
    }

    /// <summary>Supersedes the period's open team and service actions that its figures no longer call for.</summary>
    public void SupersedePeriodActions(string period, int audits)
    {
        foreach (var (id, stored) in Candidates(s => s.Period == period))
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
        foreach (var (id, stored) in Candidates(s => s.Period is null))
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

    /// <summary>The open or in-progress team and service actions this run has not raised that <paramref name="matches"/> holds for, by id.</summary>
    private List<(string Id, Stored Stored)> Candidates(Func<Stored, bool> matches) =>
        [.. _teamAndService
            .Select(id => (Id: id, Stored: _stored[id]))
            .Where(e => e.Stored.Status is ActionStatus.Open or ActionStatus.InProgress && !_raised.Contains(e.Id) && matches(e.Stored))
            .OrderBy(e => e.Id, StringComparer.Ordinal)];

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

    private void ReadStored()
    {
        using var read = DbCommands.Create(
            _connection,
            _transaction,
            "SELECT action_id, status, text, owner, escalate_to, scope, period, due FROM actions WHERE template_id = @t",
            ("@t", DbType.String));
        read.Set(0, _templateId);
        using var reader = read.ExecuteReader();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Shared(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (!names.TryGetValue(text, out var shared))
            {
                names.Add(text, shared = text);
            }

            return shared;
        }

        while (reader.Read())
        {
            ActionStatusNames.TryParse(reader.GetString(1), out var status);
            var scope = ActionScopes.TryParse(reader.GetString(5), out var s) ? s : ActionScope.Service;
            var id = reader.GetString(0);
            if (scope != ActionScope.Case)
            {
                _teamAndService.Add(id);
            }

            _stored[id] = new Stored(
                status,
                ActionContent.Digest(reader.GetString(2), reader.GetString(3), reader.NullableString(4)),
                scope,
                Shared(reader.NullableString(6)),
                DbCommands.ParseIso(reader.GetString(7)).DayNumber);
        }
    }

    private readonly record struct Stored(ActionStatus Status, UInt128 Content, ActionScope Scope, string? Period, int DueDay);
}
