using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using AuditKit.Compliance.Trends;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>The store over one connection; SQL shared by SQLite and PostgreSQL, differences in <see cref="SqlDialect"/>.</summary>
internal sealed class SqlAuditStore : IAuditStore
{
    private const string Current = "1";

    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;
    private bool _disposed;

    private SqlAuditStore(SqlDialect dialect, DbConnection connection, int schemaVersion)
    {
        _dialect = dialect;
        _connection = connection;
        SchemaVersion = schemaVersion;
    }

    public int SchemaVersion { get; }

    /// <summary>Test seam: called at named points inside a write ("template", "case", "actions", "commit"); throwing rolls the write back.</summary>
    internal Action<string>? FaultHook { get; set; }

    /// <summary>Opens the store, refuses a newer schema without writing, then migrates in one transaction.</summary>
    internal static SqlAuditStore Open(SqlDialect dialect, int knownVersion = -1)
    {
        var known = knownVersion < 0 ? Schema.Latest : knownVersion;
        DbConnection? connection = null;
        try
        {
            connection = dialect.Open();
            dialect.Configure(connection);

            // Read first, write nothing: a newer store, or another program's database, must be left exactly as it is.
            var found = ReadVersion(dialect, connection, null);
            if (found == 0 && dialect.HoldsOtherTables(connection) && !dialect.TableExists(connection, null, "schema_version"))
            {
                throw new StoreException(Messages.StoreNotAStoreCode, Messages.StoreForeignDatabase(dialect.StoreName));
            }

            if (found > known)
            {
                throw NewerSchema(dialect, found, known);
            }

            dialect.PrepareForWrites(connection);
            using (var transaction = dialect.BeginWrite(connection))
            {
                Execute(connection, transaction, Schema.VersionTable);
                found = ReadVersion(dialect, connection, transaction);
                if (found > known)
                {
                    throw NewerSchema(dialect, found, known);
                }

                for (var version = found + 1; version <= known; version++)
                {
                    var migration = Schema.Migrations[version - 1];
                    Execute(connection, transaction, dialect.Render(migration.Sql));
                    migration.MoveData?.Invoke(connection, transaction);
                    if (migration.After is not null)
                    {
                        Execute(connection, transaction, dialect.Render(migration.After));
                    }

                    using var insert = DbCommands.Create(connection, transaction, "INSERT INTO schema_version (version) VALUES (@v)", ("@v", DbType.Int32));
                    insert.Set(0, version);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var store = new SqlAuditStore(dialect, connection, known);
            connection = null;
            return store;
        }
        catch (Exception exception) when (exception is not StoreException && dialect.Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public StoreRunResult RecordRun(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(run.Template);
        ArgumentNullException.ThrowIfNull(run.Cases);
        ArgumentNullException.ThrowIfNull(run.Actions);
        ObjectDisposedException.ThrowIf(_disposed, this);

        try
        {
            return WriteRun(run);
        }
        catch (DbException exception)
        {
            // The transaction was rolled back when it was disposed: the store is as it was before the run.
            throw new StoreException(
                Messages.StoreWriteFailedCode, Messages.StoreWriteFailed(_dialect.StoreName, _dialect.Reason(exception)), exception);
        }
    }

    private StoreRunResult WriteRun(StoredRun run)
    {
        using var transaction = _dialect.BeginWrite(_connection);
        var template = run.Template;
        var asOf = DbCommands.Iso(run.AsOf);
        WriteTemplate(transaction, template, asOf);
        FaultHook?.Invoke("template");

        var (cases, added, revised, unchanged) = WriteCases(transaction, template, run.Cases, asOf);
        FaultHook?.Invoke("actions");
        var (actionsAdded, refreshed, actionsUnchanged, keptClosed) = WriteActions(transaction, template.Id, run.Actions, asOf);
        FaultHook?.Invoke("commit");
        transaction.Commit();
        return new StoreRunResult(cases, added, revised, unchanged, actionsAdded, refreshed, actionsUnchanged, keptClosed);
    }

    private void WriteTemplate(DbTransaction transaction, StoredTemplate template, string asOf)
    {
        using (var command = DbCommands.Create(
            _connection,
            transaction,
            """
            INSERT INTO templates (template_id, version, source_hash, title, partly_weight, first_recorded)
            VALUES (@id, @version, @hash, @title, @weight, @asof)
            ON CONFLICT (template_id, version, source_hash) DO NOTHING
            """,
            ("@id", DbType.String), ("@version", DbType.Int32), ("@hash", DbType.String), ("@title", DbType.String), ("@weight", DbType.Double), ("@asof", DbType.String)))
        {
            command.Set(0, template.Id);
            command.Set(1, template.Version);
            command.Set(2, template.SourceHash);
            command.Set(3, template.Title);
            command.Set(4, template.PartlyWeight);
            command.Set(5, asOf);
            command.ExecuteNonQuery();
        }

        using var criterion = DbCommands.Create(
            _connection,
            transaction,
            """
            INSERT INTO template_criteria (template_id, version, source_hash, position, criterion_id, target, critical)
            VALUES (@id, @version, @hash, @position, @criterion, @target, @critical)
            ON CONFLICT (template_id, version, source_hash, criterion_id) DO NOTHING
            """,
            ("@id", DbType.String), ("@version", DbType.Int32), ("@hash", DbType.String), ("@position", DbType.Int32),
            ("@criterion", DbType.String), ("@target", DbType.Double), ("@critical", DbType.Int32));
        for (var i = 0; i < template.Criteria.Length; i++)
        {
            var c = template.Criteria[i];
            criterion.Set(0, template.Id);
            criterion.Set(1, template.Version);
            criterion.Set(2, template.SourceHash);
            criterion.Set(3, i);
            criterion.Set(4, c.Id);
            criterion.Set(5, c.Target);
            criterion.Set(6, c.Critical ? 1 : 0);
            criterion.ExecuteNonQuery();
        }
    }

    private (int Cases, int Added, int Revised, int Unchanged) WriteCases(
        DbTransaction transaction, StoredTemplate template, IEnumerable<StoredCase> cases, string asOf)
    {
        // The current revision of every audit of this template: one read instead of one per case.
        var current = new Dictionary<string, (int Revision, string Hash)>(StringComparer.Ordinal);
        using (var read = DbCommands.Create(
            _connection,
            transaction,
            "SELECT audit_id, revision, content_hash FROM submissions WHERE template_id = @t AND is_current = " + Current,
            ("@t", DbType.String)))
        {
            read.Set(0, template.Id);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                current[reader.GetString(0)] = (reader.Int32(1), reader.GetString(2));
            }
        }

        using var writer = _dialect.SubmissionWriter(_connection, transaction, template.Id);
        int count = 0, added = 0, revised = 0, unchanged = 0;
        foreach (var stored in cases)
        {
            ArgumentNullException.ThrowIfNull(stored, nameof(cases));
            var row = stored.Row;
            if (row.Outcomes.Length != template.Criteria.Length)
            {
                throw new ArgumentException(
                    $"Audit '{row.AuditId}' has {row.Outcomes.Length} outcomes; template '{template.Id}' has {template.Criteria.Length} criteria.",
                    nameof(cases));
            }

            count++;
            var hash = stored.ContentHash ?? CaseContentHash.Of(row);
            var revision = 1;
            if (current.TryGetValue(row.AuditId, out var existing))
            {
                if (existing.Hash == hash)
                {
                    unchanged++;
                    continue;
                }

                writer.Supersede(row.AuditId, existing.Revision);
                revision = existing.Revision + 1;
                revised++;
            }
            else
            {
                added++;
            }

            writer.Insert(template, row, revision, hash, asOf, OutcomeCodes.Encode(row.Outcomes), CaseComments.Encode(template, row.Comments));
            current[row.AuditId] = (revision, hash);
            FaultHook?.Invoke("case");
        }

        writer.Complete();
        return (count, added, revised, unchanged);
    }

    private (int Added, int Refreshed, int Unchanged, int KeptClosed) WriteActions(
        DbTransaction transaction, string templateId, IEnumerable<FollowUpAction> actions, string asOf)
    {
        // Every stored action of this template, read once (ids carry the template id, so none is missed), as its status
        // and a digest of its wording and owners: a digest rather than the texts, so that a run of millions of actions
        // does not hold every text in memory a second time.
        var stored = new Dictionary<string, (string Status, UInt128 Content)>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = DbCommands.Create(
            _connection, transaction, "SELECT action_id, status, text, owner, escalate_to FROM actions WHERE template_id = @t", ("@t", DbType.String)))
        {
            read.Set(0, templateId);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var status = reader.GetString(1);
                if (!statuses.TryGetValue(status, out var shared))
                {
                    statuses.Add(status, shared = status);
                }

                stored[reader.GetString(0)] = (shared, ActionContent.Digest(reader.GetString(2), reader.GetString(3), reader.NullableString(4)));
            }
        }

        // New actions and history rows go in many rows per statement (most of a run's writes are new case actions).
        using var insert = new BatchInsert(
            _connection,
            transaction,
            "actions",
            [
                ("action_id", DbType.String), ("template_id", DbType.String), ("scope", DbType.String), ("team", DbType.String),
                ("case_ref", DbType.String), ("audit_id", DbType.String), ("criterion", DbType.String), ("text", DbType.String),
                ("owner", DbType.String), ("due", DbType.String), ("escalate_to", DbType.String), ("rule_key", DbType.String),
                ("compliance", DbType.Double), ("target", DbType.Double), ("status", DbType.String), ("created", DbType.String),
                ("updated", DbType.String), ("last_raised", DbType.String),
            ],
            _dialect.InsertBatchRows,
            "ON CONFLICT (action_id) DO NOTHING");
        using var history = HistoryBatch(transaction);
        using var refresh = DbCommands.Create(
            _connection,
            transaction,
            "UPDATE actions SET text = @text, owner = @owner, escalate_to = @escalate, updated = @asof, last_raised = @asof WHERE action_id = @id",
            ("@text", DbType.String), ("@owner", DbType.String), ("@escalate", DbType.String), ("@asof", DbType.String), ("@id", DbType.String));

        int added = 0, refreshed = 0, unchanged = 0, keptClosed = 0;
        foreach (var action in actions)
        {
            ArgumentNullException.ThrowIfNull(action, nameof(actions));
            var content = ActionContent.Digest(action.Text, action.Owner, action.EscalateTo);
            if (!stored.TryGetValue(action.Id, out var existing))
            {
                stored[action.Id] = ("open", content);
                insert.Add(
                    action.Id, templateId, ActionScopes.Name(action.Scope), action.Team, action.CaseRef, action.AuditId, action.Criterion,
                    action.Text, action.Owner, DbCommands.Iso(action.Due), action.EscalateTo, action.RuleKey, action.CompliancePercent,
                    action.Target, "open", asOf, asOf, asOf);
                history.Add(action.Id, asOf, "raised", null, "open", null, null);
                added++;
            }
            else if (ActionStatusNames.TryParse(existing.Status, out var parsed) && parsed.IsClosed())
            {
                // Closed stays closed: a later run raising the same action does not reopen or change it.
                keptClosed++;
            }
            else if (existing.Content != content)
            {
                // An open action keeps its due date and created date; only its wording and owner follow the latest run.
                // (Flushed first, so that an action raised twice in one run is in the table before it is refreshed.)
                insert.Flush();
                history.Flush();
                refresh.Set(0, action.Text);
                refresh.Set(1, action.Owner);
                refresh.Set(2, action.EscalateTo);
                refresh.Set(3, asOf);
                refresh.Set(4, action.Id);
                refresh.ExecuteNonQuery();
                stored[action.Id] = (existing.Status, content);
                history.Add(action.Id, asOf, "refreshed", existing.Status, existing.Status, null, null);
                refreshed++;
            }
            else
            {
                unchanged++;
            }
        }

        insert.Flush();
        history.Flush();
        return (added, refreshed, unchanged, keptClosed);
    }

    public IReadOnlyList<RegisterEntry> ListActions(ActionFilter filter, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var conditions = new List<string>();
        var parameters = new List<(string Name, DbType Type, object Value)>();
        switch (filter.Status)
        {
            case ActionStatusFilter.Open:
                conditions.Add("status IN ('open', 'in_progress')");
                break;
            case ActionStatusFilter.InProgress:
                conditions.Add("status = 'in_progress'");
                break;
            case ActionStatusFilter.Done:
                conditions.Add("status = 'done'");
                break;
            case ActionStatusFilter.Cancelled:
                conditions.Add("status = 'cancelled'");
                break;
            case ActionStatusFilter.All:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.Status, null);
        }

        if (filter.Overdue)
        {
            conditions.Add("due < @asof AND status NOT IN ('done', 'cancelled')");
            parameters.Add(("@asof", DbType.String, DbCommands.Iso(asOf)));
        }

        if (filter.Team is not null)
        {
            conditions.Add("team = @team");
            parameters.Add(("@team", DbType.String, filter.Team));
        }

        if (filter.TemplateId is not null)
        {
            conditions.Add("template_id = @template");
            parameters.Add(("@template", DbType.String, filter.TemplateId));
        }

        var sql = "SELECT action_id, template_id, scope, team, case_ref, criterion, text, owner, due, escalate_to, status, created, updated, target FROM actions"
            + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty);
        using var command = DbCommands.Create(_connection, null, sql, [.. parameters.Select(p => (p.Name, p.Type))]);
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Set(i, parameters[i].Value);
        }

        var rows = new List<RegisterEntry>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ActionStatusNames.TryParse(reader.GetString(10), out var status);
                var due = DbCommands.ParseIso(reader.GetString(8));
                rows.Add(new RegisterEntry(
                    Id: reader.GetString(0),
                    TemplateId: reader.GetString(1),
                    Scope: ParseScope(reader.GetString(2)),
                    Team: reader.NullableString(3),
                    CaseRef: reader.NullableString(4),
                    Criterion: reader.NullableString(5),
                    Action: reader.GetString(6),
                    Owner: reader.GetString(7),
                    Due: due,
                    EscalateTo: reader.NullableString(9),
                    Status: status,
                    Created: DbCommands.ParseIso(reader.GetString(11)),
                    Updated: DbCommands.ParseIso(reader.GetString(12)),
                    Progress: ActionStatusNames.Progress(status, due, asOf),
                    FollowedUp: null,
                    Target: reader.NullableDouble(13)));
            }
        }

        var withFollowUp = AddFollowUps(rows);
        return
        [
            .. withFollowUp
                .OrderBy(r => r.Due)
                .ThenBy(r => r.Team ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(r => r.CaseRef ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(r => r.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>For team actions on a criterion: did the team reach the target in a later month?</summary>
    private List<RegisterEntry> AddFollowUps(List<RegisterEntry> rows)
    {
        var byTemplate = new Dictionary<string, (Dictionary<(string Team, string Criterion), List<KeyValuePair<string, double?>>> Monthly, TemplateInfo? Info)>(StringComparer.Ordinal);
        var result = new List<RegisterEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Scope != ActionScope.Team || row.Team is null || row.Criterion is null)
            {
                result.Add(row);
                continue;
            }

            if (!byTemplate.TryGetValue(row.TemplateId, out var data))
            {
                var info = LatestTemplate(row.TemplateId);
                var monthly = new Dictionary<(string, string), List<KeyValuePair<string, double?>>>();
                foreach (var cell in ReadCells(row.TemplateId))
                {
                    var n = cell.Met + cell.Partly + cell.NotMet;
                    double? compliance = n == 0 ? null : (cell.Met + ((info?.PartlyWeight ?? 0.5) * cell.Partly)) / n;
                    var key = (cell.Team, cell.Criterion);
                    if (!monthly.TryGetValue(key, out var list))
                    {
                        monthly[key] = list = [];
                    }

                    list.Add(new KeyValuePair<string, double?>(cell.Period, compliance));
                }

                data = (monthly, info);
                byTemplate[row.TemplateId] = data;
            }

            var target = row.Target ?? data.Info?.Targets.GetValueOrDefault(row.Criterion);
            if (target is not { } t)
            {
                result.Add(row);
                continue;
            }

            var series = data.Monthly.GetValueOrDefault((row.Team, row.Criterion)) ?? [];
            result.Add(row with { FollowedUp = TargetFollowUp.Describe(row.Created, t, series) });
        }

        return result;
    }

    public UpdateResult UpdateAction(string actionId, ActionStatus status, string? note, string? by, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        using var transaction = _dialect.BeginWrite(_connection);
        string? previousText;
        using (var read = DbCommands.Create(_connection, transaction, "SELECT status FROM actions WHERE action_id = @id", ("@id", DbType.String)))
        {
            read.Set(0, actionId);
            previousText = read.ExecuteScalar() as string;
        }

        if (previousText is null || !ActionStatusNames.TryParse(previousText, out var previous))
        {
            transaction.Rollback();
            return new UpdateResult(actionId, UpdateOutcome.NotFound, null, null, Messages.StoreActionNotFoundCode, Messages.StoreActionNotFound(actionId));
        }

        var when = DbCommands.Iso(at);
        using (var update = DbCommands.Create(
            _connection, transaction, "UPDATE actions SET status = @status, updated = @at WHERE action_id = @id",
            ("@status", DbType.String), ("@at", DbType.String), ("@id", DbType.String)))
        {
            update.Set(0, status.ToContractName());
            update.Set(1, when);
            update.Set(2, actionId);
            update.ExecuteNonQuery();
        }

        using (var history = HistoryCommand(transaction))
        {
            WriteHistory(history, actionId, when, "status", previous, status, note, by);
        }

        transaction.Commit();
        return new UpdateResult(actionId, UpdateOutcome.Updated, previous, status, null, null);
    }

    public IReadOnlyList<string> FindActionIds(string prefix, int limit)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var command = DbCommands.Create(
            _connection,
            null,
            "SELECT action_id FROM actions WHERE substr(action_id, 1, @n) = @prefix OR substr(former_id, 1, @n) = @prefix ORDER BY action_id LIMIT @limit",
            ("@n", DbType.Int32),
            ("@prefix", DbType.String),
            ("@limit", DbType.Int32));
        command.Set(0, prefix.Length);
        command.Set(1, prefix);
        command.Set(2, limit);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public ActionIdPrefixes ActionIdPrefixes()
    {
        // Only the ids that share their first digits with another need more than the shortest form: nearly always none.
        var n = 2 + ActionId.ShortDigits;
        using var command = DbCommands.Create(
            _connection,
            null,
            $"SELECT action_id FROM actions WHERE substr(action_id, 1, {n}) IN (SELECT substr(action_id, 1, {n}) FROM actions GROUP BY substr(action_id, 1, {n}) HAVING COUNT(*) > 1)");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return FollowUps.ActionIdPrefixes.For(ids);
    }

    public IReadOnlyList<ActionHistoryEntry> ActionHistory(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var command = DbCommands.Create(
            _connection,
            null,
            "SELECT at, change, status_from, status_to, note, changed_by FROM action_history WHERE action_id = @id ORDER BY history_id",
            ("@id", DbType.String));
        command.Set(0, actionId);
        using var reader = command.ExecuteReader();
        var result = new List<ActionHistoryEntry>();
        while (reader.Read())
        {
            ActionStatus? from = ActionStatusNames.TryParse(reader.NullableString(2), out var f) ? f : null;
            ActionStatusNames.TryParse(reader.GetString(3), out var to);
            result.Add(new ActionHistoryEntry(
                DbCommands.ParseIso(reader.GetString(0)), reader.GetString(1), from, to, reader.NullableString(4), reader.NullableString(5)));
        }

        return result;
    }

    public IReadOnlyList<string> TemplateIds()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var command = DbCommands.Create(_connection, null, "SELECT DISTINCT template_id FROM templates");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    public IReadOnlyList<string> TeamNames()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var command = DbCommands.Create(_connection, null, "SELECT team, min(submission_id) AS first_id FROM submissions GROUP BY team ORDER BY first_id, team");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Every stored revision of one audit, oldest first (for tests and diagnostics).</summary>
    internal IReadOnlyList<(int Revision, bool IsCurrent, string ContentHash)> Revisions(string templateId, string auditId)
    {
        using var command = DbCommands.Create(
            _connection,
            null,
            "SELECT revision, is_current, content_hash FROM submissions WHERE template_id = @t AND audit_id = @a ORDER BY revision",
            ("@t", DbType.String), ("@a", DbType.String));
        command.Set(0, templateId);
        command.Set(1, auditId);
        using var reader = command.ExecuteReader();
        var result = new List<(int, bool, string)>();
        while (reader.Read())
        {
            result.Add((reader.Int32(0), reader.Int32(1) == 1, reader.GetString(2)));
        }

        return result;
    }

    public TrendReport Trend(string templateId, string? team = null, string? criterion = null)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var info = LatestTemplate(templateId);
        if (info is null)
        {
            return new TrendReport(templateId, []);
        }

        return TrendBuilder.Build(templateId, info.Criteria, info.PartlyWeight, ReadCells(templateId), team, criterion);
    }

    /// <summary>
    /// Outcome counts of the current revisions by team, criterion and month. The database groups identical outcome
    /// strings (team, month, template version, outcomes); each group is then counted per criterion position.
    /// </summary>
    private List<TrendCell> ReadCells(string templateId)
    {
        var criteria = new Dictionary<(int Version, string Hash), List<string>>();
        using (var read = DbCommands.Create(
            _connection,
            null,
            "SELECT version, source_hash, criterion_id FROM template_criteria WHERE template_id = @t ORDER BY version, source_hash, position",
            ("@t", DbType.String)))
        {
            read.Set(0, templateId);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.Int32(0), reader.GetString(1));
                if (!criteria.TryGetValue(key, out var list))
                {
                    criteria[key] = list = [];
                }

                list.Add(reader.GetString(2));
            }
        }

        using var command = DbCommands.Create(
            _connection,
            null,
            """
            SELECT team, substr(audit_date, 1, 7), template_version, template_hash, outcomes, count(*)
            FROM submissions
            WHERE template_id = @t AND is_current = 1
            GROUP BY team, substr(audit_date, 1, 7), template_version, template_hash, outcomes
            """,
            ("@t", DbType.String));
        command.Set(0, templateId);
        var counts = new Dictionary<(string Team, string Criterion, string Period), (int Met, int Partly, int NotMet)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!criteria.TryGetValue((reader.Int32(2), reader.GetString(3)), out var ids))
                {
                    continue;
                }

                var team = reader.GetString(0);
                var period = reader.GetString(1);
                var outcomes = reader.NullableString(4) ?? string.Empty;
                var times = reader.Int32(5);
                for (var i = 0; i < outcomes.Length && i < ids.Count; i++)
                {
                    if (!OutcomeCodes.TryDecode(outcomes[i], out var outcome))
                    {
                        continue;
                    }

                    var key = (team, ids[i], period);
                    var cell = counts.GetValueOrDefault(key);
                    counts[key] = outcome switch
                    {
                        Outcome.Met => cell with { Met = cell.Met + times },
                        Outcome.Partly => cell with { Partly = cell.Partly + times },
                        Outcome.NotMet => cell with { NotMet = cell.NotMet + times },
                        _ => cell,
                    };
                }
            }
        }

        return
        [
            .. counts
                .OrderBy(c => c.Key.Team, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Criterion, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Period, StringComparer.Ordinal)
                .Select(c => new TrendCell(c.Key.Team, c.Key.Criterion, c.Key.Period, c.Value.Met, c.Value.Partly, c.Value.NotMet)),
        ];
    }

    private sealed record TemplateInfo(double PartlyWeight, ImmutableArray<string> Criteria, ImmutableDictionary<string, double> Targets);

    /// <summary>The highest version of the template (the latest recorded text of it when one version has several).</summary>
    private TemplateInfo? LatestTemplate(string templateId)
    {
        int version;
        string hash;
        double weight;
        using (var command = DbCommands.Create(
            _connection,
            null,
            "SELECT version, source_hash, partly_weight FROM templates WHERE template_id = @t ORDER BY version DESC, first_recorded DESC, source_hash DESC",
            ("@t", DbType.String)))
        {
            command.Set(0, templateId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            version = reader.Int32(0);
            hash = reader.GetString(1);
            weight = reader.NullableDouble(2) ?? 0.5;
        }

        using var criteria = DbCommands.Create(
            _connection,
            null,
            "SELECT criterion_id, target FROM template_criteria WHERE template_id = @t AND version = @v AND source_hash = @h ORDER BY position",
            ("@t", DbType.String), ("@v", DbType.Int32), ("@h", DbType.String));
        criteria.Set(0, templateId);
        criteria.Set(1, version);
        criteria.Set(2, hash);
        using var rows = criteria.ExecuteReader();
        var ids = ImmutableArray.CreateBuilder<string>();
        var targets = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
            targets[rows.GetString(0)] = rows.NullableDouble(1) ?? 0.8;
        }

        return new TemplateInfo(weight, ids.ToImmutable(), targets.ToImmutable());
    }

    private BatchInsert HistoryBatch(DbTransaction transaction) => new(
        _connection,
        transaction,
        "action_history",
        [
            ("action_id", DbType.String), ("at", DbType.String), ("change", DbType.String), ("status_from", DbType.String),
            ("status_to", DbType.String), ("note", DbType.String), ("changed_by", DbType.String),
        ],
        _dialect.InsertBatchRows);

    private DbCommand HistoryCommand(DbTransaction transaction) => DbCommands.Create(
        _connection,
        transaction,
        """
        INSERT INTO action_history (action_id, at, change, status_from, status_to, note, changed_by)
        VALUES (@id, @at, @change, @from, @to, @note, @by)
        """,
        ("@id", DbType.String), ("@at", DbType.String), ("@change", DbType.String), ("@from", DbType.String),
        ("@to", DbType.String), ("@note", DbType.String), ("@by", DbType.String));

    private static void WriteHistory(DbCommand history, string actionId, string at, string change, ActionStatus? from, ActionStatus to, string? note, string? by)
    {
        history.Set(0, actionId);
        history.Set(1, at);
        history.Set(2, change);
        history.Set(3, from?.ToContractName());
        history.Set(4, to.ToContractName());
        history.Set(5, note);
        history.Set(6, by);
        history.ExecuteNonQuery();
    }

    private static ActionScope ParseScope(string text) => ActionScopes.TryParse(text, out var scope) ? scope : ActionScope.Service;

    private static int ReadVersion(SqlDialect dialect, DbConnection connection, DbTransaction? transaction)
    {
        if (!dialect.TableExists(connection, transaction, "schema_version"))
        {
            return 0;
        }

        using var command = DbCommands.Create(connection, transaction, "SELECT MAX(version) FROM schema_version");
        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            return 0;
        }

        // Only the numbers 1, 2, ... are ever written: anything else (text, a negative, a huge number) is damage.
        return value is long or int or short && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= int.MaxValue
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new StoreException(Messages.StoreDamagedCode, Messages.StoreBadSchemaVersion(dialect.StoreName));
    }

    private static StoreException NewerSchema(SqlDialect dialect, int found, int known) =>
        new(Messages.StoreNewerSchemaCode, Messages.StoreNewerSchema(dialect.StoreName, found, known, dialect.OtherStoreOption));

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection.Dispose();
    }
}
