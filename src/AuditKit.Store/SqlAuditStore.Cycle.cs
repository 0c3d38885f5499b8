using System.Data;
using System.Data.Common;
using AuditKit.Compliance;
using AuditKit.FollowUps.Escalations;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>What escalations read around a period: earlier figures, the period's open actions, its re-audits.</summary>
internal sealed partial class SqlAuditStore
{
    private List<PeriodFigure> ReadFigures(DbTransaction transaction, string templateId)
    {
        using var read = DbCommands.Create(
            _connection,
            transaction,
            "SELECT period, team, criterion, compliance, rag, applicable FROM period_figures WHERE template_id = @t",
            ("@t", DbType.String));
        read.Set(0, templateId);
        using var reader = read.ExecuteReader();
        var figures = new List<PeriodFigure>();
        while (reader.Read())
        {
            var team = reader.GetString(1);
            figures.Add(new PeriodFigure(
                reader.GetString(0),
                team.Length == 0 ? null : team,
                reader.GetString(2),
                reader.NullableDouble(3),
                RagNames.TryParse(reader.NullableString(4), out var rag) ? rag : null,
                reader.Int32(5)));
        }

        return figures;
    }

    /// <summary>Replaces the period's kept figures (team '' for the service's).</summary>
    private void WriteFigures(DbTransaction transaction, string templateId, string period, IReadOnlyList<PeriodFigure> figures)
    {
        using (var delete = DbCommands.Create(
            _connection, transaction, "DELETE FROM period_figures WHERE template_id = @t AND period = @p", ("@t", DbType.String), ("@p", DbType.String)))
        {
            delete.Set(0, templateId);
            delete.Set(1, period);
            delete.ExecuteNonQuery();
        }

        using var insert = DbCommands.Create(
            _connection,
            transaction,
            "INSERT INTO period_figures (template_id, period, team, criterion, compliance, rag, applicable) VALUES (@t, @p, @team, @c, @compliance, @rag, @n)",
            ("@t", DbType.String), ("@p", DbType.String), ("@team", DbType.String), ("@c", DbType.String), ("@compliance", DbType.Double),
            ("@rag", DbType.String), ("@n", DbType.Int32));
        foreach (var figure in figures)
        {
            insert.Set(0, templateId);
            insert.Set(1, period);
            insert.Set(2, figure.Team ?? string.Empty);
            insert.Set(3, figure.Criterion);
            insert.Set(4, figure.Compliance);
            insert.Set(5, figure.Rag is { } rag ? RagNames.Name(rag) : null);
            insert.Set(6, figure.Applicable);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The period's open and in-progress actions: its team and service actions and the case actions of its current audits
    /// (<paramref name="cases"/>), escalations left out (they escalate along <c>after</c>, not again as actions), by id.
    /// Both are read by index (the period's team and service actions; the case actions by their audits' ids, a few hundred
    /// a query) and their status looked at here, so that no index of statuses over millions of actions is chosen instead.
    /// </summary>
    private List<OpenAction> ReadOpenActions(DbTransaction transaction, string templateId, ReportingPeriod period, IReadOnlyList<Reporting.CaseRow> cases)
    {
        const string Columns = "action_id, scope, team, case_ref, criterion, status, owner, escalate_to, due, rule_key";
        var actions = new List<OpenAction>();
        void Add(DbDataReader reader)
        {
            var status = reader.GetString(5);
            var ruleKey = reader.GetString(9);
            if (status is not ("open" or "in_progress") || ruleKey.Contains("/escalations/", StringComparison.Ordinal))
            {
                return;
            }

            actions.Add(new OpenAction(
                reader.GetString(0),
                ActionScopes.TryParse(reader.GetString(1), out var scope) ? scope : ActionScope.Team,
                reader.NullableString(2),
                reader.NullableString(3),
                reader.NullableString(4),
                status,
                reader.GetString(6),
                reader.NullableString(7),
                DbCommands.ParseIso(reader.GetString(8)),
                period.Name,
                ruleKey));
        }

        using (var read = DbCommands.Create(
            _connection,
            transaction,
            $"SELECT {Columns} FROM actions WHERE template_id = @t AND period = @p AND scope <> 'case'",
            ("@t", DbType.String), ("@p", DbType.String)))
        {
            read.Set(0, templateId);
            read.Set(1, period.Name);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                Add(reader);
            }
        }

        KeyedRead.ForEach(
            _connection,
            transaction,
            $"SELECT {Columns} FROM actions WHERE template_id = @t AND audit_id IN ({{keys}})",
            [("@t", DbType.String, templateId)],
            [.. cases.Select(c => c.AuditId)],
            Add);
        actions.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return actions;
    }

    /// <summary>
    /// The re-audits carried out in the period: for each case action that asked for one (and was not superseded), the first
    /// later current audit of the same case and template, when that audit is one of the period's <paramref name="cases"/>
    /// (which hold no moderation audit: a second audit of the same case by another auditor is no re-audit). Read by index
    /// from the period's case references, so that a period of a store of millions reads only its own cases' actions.
    /// </summary>
    private List<Reaudit> ReadReaudits(
        DbTransaction transaction, string templateId, ReportingPeriod period, IReadOnlyList<Reporting.CaseRow> cases, System.Collections.Immutable.ImmutableArray<string> criteria)
    {
        var byCase = cases
            .GroupBy(c => c.CaseRef, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.AuditDate).ThenBy(c => c.AuditId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        if (byCase.Count == 0)
        {
            return [];
        }

        // The case actions asking for a re-audit, by case reference alone: with the template or a join in the query, the
        // planners go through the template's actions or audits instead of this small index. Then their audits, by id.
        var found = new List<(string ActionId, string? Team, string CaseRef, string? Criterion, string AuditId)>();
        KeyedRead.ForEach(
            _connection,
            transaction,
            "SELECT action_id, template_id, scope, status, team, case_ref, criterion, audit_id FROM actions WHERE case_ref IN ({keys}) AND reaudit_days IS NOT NULL",
            [],
            [.. byCase.Keys.Order(StringComparer.Ordinal)],
            reader =>
            {
                if (reader.GetString(1) == templateId && reader.GetString(2) == "case" && reader.GetString(3) != "superseded" && !reader.IsDBNull(7))
                {
                    found.Add((reader.GetString(0), reader.NullableString(4), reader.GetString(5), reader.NullableString(6), reader.GetString(7)));
                }
            });
        var audits = new Dictionary<string, (DateOnly Date, string? Grade)>(StringComparer.Ordinal);
        KeyedRead.ForEach(
            _connection,
            transaction,
            "SELECT audit_id, audit_date, grade FROM submissions WHERE template_id = @t AND is_current = 1 AND audit_id IN ({keys})",
            [("@t", DbType.String, templateId)],
            [.. found.Select(f => f.AuditId).Distinct(StringComparer.Ordinal)],
            reader => audits[reader.GetString(0)] = (DbCommands.ParseIso(reader.GetString(1)), reader.NullableString(2)));
        var asked = found
            .Where(f => audits.TryGetValue(f.AuditId, out var audit) && audit.Date <= period.Last)
            .Select(f => (f.ActionId, f.Team, f.CaseRef, f.Criterion, f.AuditId, audits[f.AuditId].Date, audits[f.AuditId].Grade))
            .ToList();

        using var between = DbCommands.Create(
            _connection,
            transaction,
            """
            SELECT 1 FROM submissions
            WHERE template_id = @t AND case_ref = @c AND is_current = 1 AND moderates IS NULL AND audit_date > @e AND audit_date < @from
            LIMIT 1
            """,
            ("@t", DbType.String), ("@c", DbType.String), ("@e", DbType.String), ("@from", DbType.String));
        var reaudits = new List<Reaudit>();
        foreach (var action in asked.OrderBy(a => a.ActionId, StringComparer.Ordinal))
        {
            if (byCase[action.CaseRef].Find(c => c.AuditDate > action.Date) is not { } later)
            {
                continue;
            }

            if (action.Date < period.First)
            {
                // The case audited again between the two, in an earlier period: that was the re-audit.
                between.Set(0, templateId);
                between.Set(1, action.CaseRef);
                between.Set(2, DbCommands.Iso(action.Date));
                between.Set(3, DbCommands.Iso(period.First));
                if (between.ExecuteScalar() is not null)
                {
                    continue;
                }
            }

            var at = action.Criterion is null ? -1 : criteria.IndexOf(action.Criterion);
            reaudits.Add(new Reaudit(
                action.ActionId, action.Team, action.CaseRef, action.Criterion, action.AuditId, action.Date, action.Grade,
                later.AuditId, later.AuditDate, later.Grade, at >= 0 && at < later.Outcomes.Length ? later.Outcomes[at].ToContractName() : null));
        }

        return reaudits;
    }

    /// <summary>A stored revision's outcome on one criterion, as its contract name; null when its template version has no such criterion.</summary>
    private static string? OutcomeOf(
        string? codes, Dictionary<(int Version, string Hash), List<string>> versions, int version, string hash, string criterion)
    {
        var at = versions.GetValueOrDefault((version, hash))?.IndexOf(criterion) ?? -1;
        return codes is not null && at >= 0 && at < codes.Length && OutcomeCodes.TryDecode(codes[at], out var outcome)
            ? outcome.ToContractName()
            : null;
    }

    /// <summary>Links each case action to the first later current audit of its case and template, if any (moderation audits left out).</summary>
    private List<RegisterEntry> AddReaudits(List<RegisterEntry> rows)
    {
        // The current audits of the register's cases, read by index a few hundred cases at a time for each template.
        var audits = new Dictionary<(string Template, string Case), List<LaterAudit>>();
        foreach (var template in rows
            .Where(r => r.Scope == ActionScope.Case && r.CaseRef is not null && r.AuditDate is not null)
            .GroupBy(r => r.TemplateId, StringComparer.Ordinal))
        {
            KeyedRead.ForEach(
                _connection,
                null,
                "SELECT case_ref, audit_id, audit_date, grade, outcomes, template_version, template_hash FROM submissions"
                + " WHERE template_id = @t AND is_current = " + Current + " AND moderates IS NULL AND case_ref IN ({keys})",
                [("@t", DbType.String, template.Key)],
                [.. template.Select(r => r.CaseRef!).Distinct(StringComparer.Ordinal)],
                reader =>
                {
                    var key = (template.Key, reader.GetString(0));
                    if (!audits.TryGetValue(key, out var list))
                    {
                        audits.Add(key, list = []);
                    }

                    list.Add(new LaterAudit(
                        reader.GetString(1), DbCommands.ParseIso(reader.GetString(2)), reader.NullableString(3), reader.NullableString(4), reader.Int32(5), reader.GetString(6)));
                });
        }

        if (audits.Count == 0)
        {
            return rows;
        }

        foreach (var list in audits.Values)
        {
            list.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : string.CompareOrdinal(a.AuditId, b.AuditId));
        }

        var versions = new Dictionary<string, Dictionary<(int Version, string Hash), List<string>>>(StringComparer.Ordinal);
        var result = new List<RegisterEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Scope != ActionScope.Case || row.CaseRef is not { } caseRef || row.AuditDate is not { } audited
                || !audits.TryGetValue((row.TemplateId, caseRef), out var ofCase)
                || ofCase.Find(a => a.Date > audited) is not { } later)
            {
                result.Add(row);
                continue;
            }

            if (!versions.TryGetValue(row.TemplateId, out var byVersion))
            {
                versions.Add(row.TemplateId, byVersion = CriteriaByVersion(null, row.TemplateId));
            }

            var outcome = row.Criterion is { } criterion ? OutcomeOf(later.Codes, byVersion, later.Version, later.Hash, criterion) ?? "missing" : null;
            result.Add(row with { Reaudit = new ReauditLink(later.AuditId, later.Date, later.Grade, outcome) });
        }

        return result;
    }

    /// <summary>A current audit of a case, as a re-audit of its earlier audits' actions is shown.</summary>
    private sealed record LaterAudit(string AuditId, DateOnly Date, string? Grade, string? Codes, int Version, string Hash);
}
