using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using AuditKit.Compliance.Trends;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>The store over one connection; SQL shared by SQLite and PostgreSQL, differences in <see cref="SqlDialect"/>.</summary>
internal sealed partial class SqlAuditStore : IAuditStore
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

            // A store already at this schema (every request of the web app) opens without taking the write lock.
            if (found != known || found == 0)
            {
                using var transaction = dialect.BeginWrite(connection);
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

        var cases = WriteCases(transaction, template, run.Cases, asOf, run.Periods?.Length);
        FaultHook?.Invoke("actions");
        using var register = new RegisterWriter(_connection, transaction, template.Id, asOf, _dialect.InsertBatchRows);
        foreach (var chunk in run.Actions.Chunk(KeyedRead.ChunkSize))
        {
            // What the store holds of these actions, in one read (the actions' key), then each raised. A case action's id is
            // a hash of its template and audit among other parts, so the store holds none of an audit it had no revision of
            // before this run: those (a new month's audits, nearly all of a run) are not looked for.
            var actions = Array.ConvertAll(chunk, action => action ?? throw new ArgumentNullException(nameof(run)));
            register.NotStored(actions.Where(a => a.AuditId is { } audit && cases.New.Contains(audit)).Select(a => a.Id));
            register.Load(actions.Select(a => a.Id));
            foreach (var action in chunk)
            {
                register.Raise(action);
            }
        }

        register.Flush();
        register.SupersedeCaseActionsOf(cases.Revisions);
        _dialect.AfterLargeWrite(_connection, transaction, cases.Added + cases.Revised + register.Added);
        var (periods, planned) = run.Periods is { } planning
            ? PlanPeriods(transaction, template.Id, planning, cases.Touched, register)
            : (default, default);
        register.Flush();
        FaultHook?.Invoke("commit");
        transaction.Commit();
        return new StoreRunResult(
            cases.Count, cases.Added, cases.Revised, cases.Unchanged, register.Added, register.Refreshed, register.Unchanged, register.KeptClosed,
            register.Superseded, periods, planned);
    }

    /// <summary>
    /// Plans each touched period again from all its current revisions: its team and service actions are raised,
    /// refreshed or raised again, and the period's open ones its figures no longer call for are superseded.
    /// </summary>
    private (ImmutableArray<PeriodResult>, ImmutableArray<FollowUpAction>) PlanPeriods(
        DbTransaction transaction, string templateId, PeriodPlanning planning, SortedSet<Compliance.ReportingPeriod> touched, RegisterWriter register)
    {
        if (touched.Count == 0)
        {
            return ([], []);
        }

        var results = ImmutableArray.CreateBuilder<PeriodResult>();
        var recorded = ImmutableArray.CreateBuilder<FollowUpAction>();
        var criteria = CriteriaByVersion(transaction, templateId);
        var figures = planning.ReadsHistory ? ReadFigures(transaction, templateId) : [];
        var planned = new List<(Compliance.ReportingPeriod Period, int Audits, PeriodPlan Plan)>();
        foreach (var period in touched)
        {
            var cases = ReadCases(transaction, templateId, period.First, period.Last, planning.Criteria, criteria, team: null);
            var history = planning.ReadsHistory
                ? new FollowUps.Escalations.CycleHistory(
                    [.. figures.Where(f => string.CompareOrdinal(f.Period, period.Name) < 0)],
                    ReadOpenActions(transaction, templateId, period, cases),
                    ReadReaudits(transaction, templateId, period, cases, planning.Criteria))
                : FollowUps.Escalations.CycleHistory.Empty;
            var plan = planning.Plan(new StoredPeriod(period, cases, history));
            register.Load(plan.Actions.Select(action => action.Id));
            foreach (var action in plan.Actions)
            {
                if (action.Scope == ActionScope.Case || action.Period != period.Name)
                {
                    throw new ArgumentException($"A period's plan holds team and service actions of that period only; '{action.Id}' is not one.", nameof(planning));
                }

                recorded.Add(action with { Due = register.Raise(action) });
            }

            register.Flush();
            if (planning.ReadsHistory)
            {
                WriteFigures(transaction, templateId, period.Name, plan.Figures);
                figures.RemoveAll(f => f.Period == period.Name);
                figures.AddRange(plan.Figures);
            }

            planned.Add((period, cases.Count, plan));
        }

        // Superseded once every period is planned, so that an action one period's escalations raise about another's is not
        // superseded by a period planned before it.
        foreach (var (period, audits, plan) in planned)
        {
            var before = register.Superseded;
            register.SupersedePeriodActions(period.Name, audits);
            results.Add(new PeriodResult(period.Name, audits, plan.Actions.Length, register.Superseded - before) { Failures = plan.Failures });
        }

        register.SupersedeActionsWithoutPeriod();
        return (results.ToImmutable(), recorded.ToImmutable());
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
            INSERT INTO template_criteria (template_id, version, source_hash, position, criterion_id, target, critical, standard)
            VALUES (@id, @version, @hash, @position, @criterion, @target, @critical, @standard)
            ON CONFLICT (template_id, version, source_hash, criterion_id) DO NOTHING
            """,
            ("@id", DbType.String), ("@version", DbType.Int32), ("@hash", DbType.String), ("@position", DbType.Int32),
            ("@criterion", DbType.String), ("@target", DbType.Double), ("@critical", DbType.Int32), ("@standard", DbType.String));
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
            criterion.Set(7, c.Standard);
            criterion.ExecuteNonQuery();
        }
    }

    /// <summary>What writing a run's cases did.</summary>
    /// <param name="Revisions">The audits given a new revision, with its number.</param>
    /// <param name="Touched">The periods of the run's audits (and of a revised audit's earlier date).</param>
    /// <param name="New">The audits the store held no revision of before this run.</param>
    private sealed record CasesWritten(
        int Count, int Revised, int Unchanged, Dictionary<string, int> Revisions, SortedSet<Compliance.ReportingPeriod> Touched,
        HashSet<string> New)
    {
        public int Added => New.Count;
    }

    private CasesWritten WriteCases(
        DbTransaction transaction, StoredTemplate template, IEnumerable<StoredCase> cases, string asOf, Compliance.PeriodLength? periods)
    {
        // The current revisions of this run's audits alone, found by index before anything is written (PostgreSQL's COPY
        // holds the connection while it writes): a run of 2,000 audits into a store of millions reads 2,000 rows.
        var given = cases.ToList();
        var current = new Dictionary<string, (int Revision, string Hash, string AuditDate)>(StringComparer.Ordinal);
        KeyedRead.ForEach(
            _connection,
            transaction,
            "SELECT audit_id, revision, content_hash, audit_date FROM submissions WHERE template_id = @t AND is_current = " + Current + " AND audit_id IN ({keys})",
            [("@t", DbType.String, template.Id)],
            [.. given.Select(c => (c ?? throw new ArgumentNullException(nameof(cases))).Row.AuditId).Distinct(StringComparer.Ordinal)],
            reader => current[reader.GetString(0)] = (reader.Int32(1), reader.GetString(2), reader.GetString(3)));

        var revisions = new Dictionary<string, int>(StringComparer.Ordinal);
        var touched = new SortedSet<Compliance.ReportingPeriod>();
        void Touch(DateOnly date)
        {
            if (periods is { } length)
            {
                touched.Add(Compliance.ReportingPeriod.Of(date, length));
            }
        }

        // A moderation audit counts in no period's figures: recording one plans no period again.
        void TouchRow(Reporting.CaseRow row)
        {
            if (row.Moderates is null)
            {
                Touch(row.AuditDate);
            }
        }

        using var writer = _dialect.SubmissionWriter(_connection, transaction, template.Id);
        var added = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, revised = 0, unchanged = 0;
        foreach (var stored in given)
        {
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
                    // Its period is still planned again: the run's outputs show the actions of the periods it covers.
                    TouchRow(row);
                    unchanged++;
                    continue;
                }

                writer.Supersede(row.AuditId, existing.Revision);
                revision = existing.Revision + 1;
                revisions[row.AuditId] = revision;
                if (row.Moderates is null)
                {
                    Touch(DbCommands.ParseIso(existing.AuditDate));
                }
                revised++;
            }
            else
            {
                added.Add(row.AuditId);
            }

            writer.Insert(template, row, revision, hash, asOf, OutcomeCodes.Encode(row.Outcomes), CaseComments.Encode(template, row.Comments));
            current[row.AuditId] = (revision, hash, DbCommands.Iso(row.AuditDate));
            TouchRow(row);
            FaultHook?.Invoke("case");
        }

        writer.Complete();
        return new CasesWritten(count, revised, unchanged, revisions, touched, added);
    }

    /// <summary>The criterion ids of every recorded version of the template, in position order.</summary>
    private Dictionary<(int Version, string Hash), List<string>> CriteriaByVersion(DbTransaction? transaction, string templateId)
    {
        var criteria = new Dictionary<(int Version, string Hash), List<string>>();
        using var read = DbCommands.Create(
            _connection,
            transaction,
            "SELECT version, source_hash, criterion_id FROM template_criteria WHERE template_id = @t ORDER BY version, source_hash, position",
            ("@t", DbType.String));
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

        return criteria;
    }

    /// <summary>
    /// The current revisions of the template's audits dated <paramref name="from"/> to <paramref name="to"/> (and of one
    /// team when given), sorted by audit id, their outcomes in the order of <paramref name="criteria"/>: a criterion the
    /// audit's template version did not have reads as not applicable.
    /// </summary>
    private List<Reporting.CaseRow> ReadCases(
        DbTransaction? transaction,
        string templateId,
        DateOnly from,
        DateOnly to,
        IReadOnlyList<string> criteria,
        Dictionary<(int Version, string Hash), List<string>> versions,
        string? team,
        CaseSelection selection = CaseSelection.FirstAudits)
    {
        var positions = new Dictionary<(int Version, string Hash), int[]>();
        int[] PositionsOf(int version, string hash)
        {
            if (!positions.TryGetValue((version, hash), out var map))
            {
                var ids = versions.GetValueOrDefault((version, hash)) ?? [];
                map = [.. criteria.Select(c => ids.IndexOf(c))];
                positions.Add((version, hash), map);
            }

            return map;
        }

        using var read = DbCommands.Create(
            _connection,
            transaction,
            """
            SELECT audit_id, audit_date, auditor, case_ref, case_type, team, service, practitioner, auditor_grade, grade, score,
                   outcomes, template_version, template_hash, moderates
            FROM submissions
            WHERE template_id = @t AND is_current = 1 AND audit_date >= @from AND audit_date <= @to
            """ + TeamCondition(team) + selection switch
            {
                CaseSelection.FirstAudits => " AND moderates IS NULL",
                CaseSelection.Moderation => " AND moderates IS NOT NULL",
                _ => " AND moderates IS NULL AND audit_id IN (SELECT moderates FROM submissions WHERE template_id = @t AND is_current = 1 AND moderates IS NOT NULL)",
            } + " ORDER BY audit_id",
            ("@t", DbType.String), ("@from", DbType.String), ("@to", DbType.String), ("@team", DbType.String));
        read.Set(0, templateId);
        read.Set(1, DbCommands.Iso(from));
        read.Set(2, DbCommands.Iso(to));
        read.Set(3, team);
        using var reader = read.ExecuteReader();
        var rows = new List<Reporting.CaseRow>();
        var outcomes = new Outcome[criteria.Count];
        while (reader.Read())
        {
            var codes = reader.NullableString(11) ?? string.Empty;
            var map = PositionsOf(reader.Int32(12), reader.GetString(13));
            for (var i = 0; i < outcomes.Length; i++)
            {
                var at = map[i];
                outcomes[i] = at >= 0 && at < codes.Length && OutcomeCodes.TryDecode(codes[at], out var outcome) ? outcome : Outcome.NotApplicable;
            }

            rows.Add(CaseRowAt(reader, [.. outcomes]));
        }

        return rows;
    }

    /// <summary>
    /// The case row of a reader over <c>audit_id, audit_date, auditor, case_ref, case_type, team, service, practitioner,
    /// auditor_grade, grade, score</c> (columns 0 to 10) and <c>moderates</c> (column 14).
    /// </summary>
    private static Reporting.CaseRow CaseRowAt(DbDataReader reader, ImmutableArray<Outcome> outcomes) => new(
        reader.GetString(0),
        DbCommands.ParseIso(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.NullableString(6),
        reader.NullableString(7),
        reader.NullableString(8),
        reader.NullableString(9),
        reader.NullableDouble(10),
        outcomes)
    {
        Moderates = reader.NullableString(14),
    };

    /// <summary>Which current revisions <see cref="ReadCases"/> reads.</summary>
    internal enum CaseSelection
    {
        /// <summary>First audits: every audit that is not a moderation audit (the figures come from these alone).</summary>
        FirstAudits,

        /// <summary>Moderation audits.</summary>
        Moderation,

        /// <summary>First audits that a current moderation audit moderates.</summary>
        Moderated,
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
                conditions.Add("a.status IN ('open', 'in_progress')");
                break;
            case ActionStatusFilter.InProgress:
                conditions.Add("a.status = 'in_progress'");
                break;
            case ActionStatusFilter.Done:
                conditions.Add("a.status = 'done'");
                break;
            case ActionStatusFilter.Cancelled:
                conditions.Add("a.status = 'cancelled'");
                break;
            case ActionStatusFilter.Superseded:
                conditions.Add("a.status = 'superseded'");
                break;
            case ActionStatusFilter.All:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.Status, null);
        }

        if (filter.Overdue)
        {
            conditions.Add("a.due < @asof AND a.status IN ('open', 'in_progress')");
            parameters.Add(("@asof", DbType.String, DbCommands.Iso(asOf)));
        }

        if (filter.Team is not null)
        {
            conditions.Add("a.team = @team");
            parameters.Add(("@team", DbType.String, filter.Team));
        }

        if (filter.TemplateId is not null)
        {
            conditions.Add("a.template_id = @template");
            parameters.Add(("@template", DbType.String, filter.TemplateId));
        }

        if (filter.Id is not null)
        {
            conditions.Add("a.action_id = @id");
            parameters.Add(("@id", DbType.String, filter.Id));
        }

        if (filter.AuditId is not null)
        {
            conditions.Add("a.audit_id = @audit");
            parameters.Add(("@audit", DbType.String, filter.AuditId));
        }

        // A case action's audit date comes from the current revision of its audit (none for team and service actions).
        var sql = "SELECT a.action_id, a.template_id, a.scope, a.team, a.case_ref, a.criterion, a.text, a.owner, a.due, a.escalate_to, a.status, a.created, a.updated, a.target, s.audit_date, a.period, a.audit_id, a.reaudit_days, a.rule_key"
            + " FROM actions a LEFT JOIN submissions s ON s.template_id = a.template_id AND s.audit_id = a.audit_id AND s.is_current = 1"
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
                var created = DbCommands.ParseIso(reader.GetString(11));
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
                    Created: created,
                    Updated: DbCommands.ParseIso(reader.GetString(12)),
                    Progress: ActionStatusNames.Progress(status, due, created, asOf),
                    FollowedUp: null,
                    Target: reader.NullableDouble(13),
                    AuditDate: reader.NullableString(14) is { } auditDate ? DbCommands.ParseIso(auditDate) : null,
                    Period: reader.NullableString(15),
                    AuditId: reader.NullableString(16))
                {
                    ReauditWithinWorkingDays = reader.IsDBNull(17) ? null : reader.Int32(17),
                    RuleKey = reader.GetString(18),
                });
            }
        }

        var withFollowUp = AddReaudits(AddFollowUps(rows));
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
        if (!Enum.IsDefined(status) || !status.CanBeSetByHand())
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Superseded is set by AuditKit, never by hand.");
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

    /// <summary>
    /// The audits of one team (by the index of migration 14, ix_submissions_team_date) or of every team: written into the statement rather than as
    /// <c>(@team IS NULL OR team = @team)</c>, which keeps the planners from using that index. @team stays a parameter.
    /// </summary>
    private static string TeamCondition(string? team) => team is null ? " AND @team IS NULL" : " AND team = @team";

    public StoredReport ReadReport(
        string templateId, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, IReadOnlyList<string> criteria, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (from.Length != to.Length || to.CompareTo(from) < 0)
        {
            throw new ArgumentException($"'{from}' to '{to}' is not a run of periods of one length.", nameof(to));
        }

        // One transaction, so that the audits and the actions are read as one moment of the store; a read transaction,
        // so that many readers (the web app's dashboards) do not queue for the write lock.
        using var transaction = _dialect.BeginRead(_connection);
        var cases = ReadCases(transaction, templateId, from.First, to.Last, criteria, CriteriaByVersion(transaction, templateId), team);
        var audits = new HashSet<string>(cases.Select(c => c.AuditId), StringComparer.Ordinal);
        var periods = new HashSet<string>(StringComparer.Ordinal);
        for (var p = from; p.CompareTo(to) <= 0; p = p.Next)
        {
            periods.Add(p.Name);
        }

        var actions = new List<FollowUpAction>();
        const string Columns = "action_id, scope, team, case_ref, criterion, text, owner, due, escalate_to, rule_key, audit_id, compliance, target, period";
        using (var read = DbCommands.Create(
            _connection,
            transaction,
            $"""
            SELECT {Columns} FROM actions
            WHERE template_id = @t AND scope <> 'case' AND period >= @first AND period <= @last AND status <> 'superseded'
            UNION ALL
            SELECT {Columns} FROM actions
            WHERE template_id = @t AND scope = 'case' AND status <> 'superseded' AND audit_id IN (
              SELECT audit_id FROM submissions WHERE template_id = @t AND is_current = 1 AND audit_date >= @from AND audit_date <= @to AND moderates IS NULL
            """ + TeamCondition(team) + """
            )
            ORDER BY action_id
            """,
            ("@t", DbType.String), ("@first", DbType.String), ("@last", DbType.String), ("@from", DbType.String), ("@to", DbType.String), ("@team", DbType.String)))
        {
            // Found by index, in two parts: the team and service actions of the periods (their names sort as the periods do;
            // those between that are not among them are left out below), and the case actions of the periods' audits. Never
            // every case action of the template.
            read.Set(0, templateId);
            read.Set(1, from.Name);
            read.Set(2, to.Name);
            read.Set(3, DbCommands.Iso(from.First));
            read.Set(4, DbCommands.Iso(to.Last));
            read.Set(5, team);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var scope = ParseScope(reader.GetString(1));
                var actionTeam = reader.NullableString(2);
                var audit = reader.NullableString(10);
                var period = reader.NullableString(13);
                var wanted = scope == ActionScope.Case
                    ? audit is not null && audits.Contains(audit)
                    : period is not null && periods.Contains(period) && (team is null || actionTeam is null || actionTeam == team);
                if (!wanted)
                {
                    continue;
                }

                actions.Add(new FollowUpAction(
                    reader.GetString(0), scope, actionTeam, reader.NullableString(3), reader.NullableString(4), reader.GetString(5), reader.GetString(6),
                    DbCommands.ParseIso(reader.GetString(7)), reader.NullableString(8), reader.GetString(9), audit, reader.NullableDouble(11),
                    reader.NullableDouble(12), period));
            }
        }

        transaction.Commit();
        return new StoredReport(cases, actions);
    }

    public IReadOnlyList<Moderation.ModerationPair> ReadModeration(
        string templateId, Compliance.ReportingPeriod? from, Compliance.ReportingPeriod? to, IReadOnlyList<string> criteria)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var first = from?.First ?? DateOnly.MinValue;
        var last = to?.Last ?? DateOnly.MaxValue;
        using var transaction = _connection.BeginTransaction();
        var versions = CriteriaByVersion(transaction, templateId);
        var moderation = ReadCases(transaction, templateId, DateOnly.MinValue, DateOnly.MaxValue, criteria, versions, team: null, CaseSelection.Moderation);
        var moderated = ReadCases(transaction, templateId, first, last, criteria, versions, team: null, CaseSelection.Moderated)
            .ToDictionary(c => c.AuditId, StringComparer.Ordinal);
        transaction.Commit();

        // By the first audit's id, then the moderation audit's; a moderation audit whose first audit is not current or is
        // dated outside the periods is left out.
        return
        [
            .. moderation
                .Where(m => moderated.ContainsKey(m.Moderates!))
                .Select(m => new Moderation.ModerationPair(moderated[m.Moderates!], m))
                .OrderBy(p => p.First.AuditId, StringComparer.Ordinal)
                .ThenBy(p => p.Moderation.AuditId, StringComparer.Ordinal),
        ];
    }

    public IReadOnlySet<string> ModerationIds(string templateId)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var command = DbCommands.Create(
            _connection,
            null,
            "SELECT audit_id FROM submissions WHERE template_id = @t AND is_current = 1 AND moderates IS NOT NULL",
            ("@t", DbType.String));
        command.Set(0, templateId);
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public IReadOnlyList<Submissions.KnownAudit> FindAudits(IReadOnlyCollection<string> auditIds)
    {
        ArgumentNullException.ThrowIfNull(auditIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var found = new List<Submissions.KnownAudit>();
        const int Chunk = 200;
        var ids = auditIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var start = 0; start < ids.Count; start += Chunk)
        {
            var part = ids.Skip(start).Take(Chunk).ToList();
            var names = part.Select((_, i) => ("@a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DbType.String)).ToArray();
            using var command = DbCommands.Create(
                _connection,
                null,
                "SELECT template_id, audit_id, case_ref, auditor, moderates FROM submissions WHERE is_current = 1 AND audit_id IN ("
                + string.Join(", ", names.Select(n => n.Item1)) + ") ORDER BY template_id, audit_id",
                names);
            for (var i = 0; i < part.Count; i++)
            {
                command.Set(i, part[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new Submissions.KnownAudit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.NullableString(4)));
            }
        }

        return found;
    }

    public IReadOnlyList<StoredTemplateAudits> ReadAcrossTemplates(
        IReadOnlyList<string> templateIds, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(templateIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (from.Length != to.Length || to.CompareTo(from) < 0)
        {
            throw new ArgumentException($"'{from}' to '{to}' is not a run of periods of one length.", nameof(to));
        }

        using var transaction = _connection.BeginTransaction();
        var result = new List<StoredTemplateAudits>();
        foreach (var templateId in templateIds.Distinct(StringComparer.Ordinal))
        {
            if (LatestTemplate(transaction, templateId) is not { } template)
            {
                continue;
            }

            var criteria = template.Criteria.Select(c => c.Id).ToList();
            var cases = ReadCases(transaction, templateId, from.First, to.Last, criteria, CriteriaByVersion(transaction, templateId), team);
            result.Add(new StoredTemplateAudits(template, cases));
        }

        transaction.Commit();
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
        // Each team name, found by stepping through the index of names (the next name after the last one found) instead of
        // reading every revision, with its first revision.
        using var command = DbCommands.Create(
            _connection,
            null,
            """
            WITH RECURSIVE names(team) AS (
              SELECT min(team) FROM submissions
              UNION ALL
              SELECT (SELECT min(s.team) FROM submissions s WHERE s.team > names.team) FROM names WHERE names.team IS NOT NULL)
            SELECT team, (SELECT min(s.submission_id) FROM submissions s WHERE s.team = names.team) AS first_id
            FROM names WHERE team IS NOT NULL ORDER BY first_id, team
            """);
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
        var criteria = CriteriaByVersion(null, templateId);
        using var command = DbCommands.Create(
            _connection,
            null,
            """
            SELECT team, substr(audit_date, 1, 7), template_version, template_hash, outcomes, count(*)
            FROM submissions
            WHERE template_id = @t AND is_current = 1 AND moderates IS NULL
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

    private TemplateInfo? LatestTemplate(string templateId) =>
        LatestTemplate(null, templateId) is { } template
            ? new TemplateInfo(
                template.PartlyWeight,
                [.. template.Criteria.Select(c => c.Id)],
                template.Criteria.ToImmutableDictionary(c => c.Id, c => c.Target, StringComparer.Ordinal))
            : null;

    /// <summary>The highest version of the template (the latest recorded text of it when one version has several).</summary>
    private StoredTemplate? LatestTemplate(DbTransaction? transaction, string templateId)
    {
        int version;
        string hash;
        string title;
        double weight;
        using (var command = DbCommands.Create(
            _connection,
            transaction,
            "SELECT version, source_hash, partly_weight, title FROM templates WHERE template_id = @t ORDER BY version DESC, first_recorded DESC, source_hash DESC",
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
            title = reader.GetString(3);
        }

        using var criteria = DbCommands.Create(
            _connection,
            transaction,
            "SELECT criterion_id, target, critical, standard FROM template_criteria WHERE template_id = @t AND version = @v AND source_hash = @h ORDER BY position",
            ("@t", DbType.String), ("@v", DbType.Int32), ("@h", DbType.String));
        criteria.Set(0, templateId);
        criteria.Set(1, version);
        criteria.Set(2, hash);
        using var rows = criteria.ExecuteReader();
        var stored = ImmutableArray.CreateBuilder<StoredCriterion>();
        while (rows.Read())
        {
            stored.Add(new StoredCriterion(rows.GetString(0), rows.NullableDouble(1) ?? 0.8, rows.Int32(2) != 0, rows.NullableString(3)));
        }

        return new StoredTemplate(templateId, version, hash, title, weight, stored.ToImmutable());
    }

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
