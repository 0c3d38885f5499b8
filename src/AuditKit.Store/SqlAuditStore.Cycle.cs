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
    /// The period's open and in-progress actions: its team and service actions and the case actions of its current audits,
    /// escalations left out (they escalate along <c>after</c>, not again as actions), by id.
    /// </summary>
    private List<OpenAction> ReadOpenActions(DbTransaction transaction, string templateId, ReportingPeriod period)
    {
        using var read = DbCommands.Create(
            _connection,
            transaction,
            """
            SELECT action_id, scope, team, case_ref, criterion, status, owner, escalate_to, due, rule_key
            FROM actions
            WHERE template_id = @t AND period = @p AND status IN ('open', 'in_progress')
            UNION ALL
            SELECT a.action_id, a.scope, a.team, a.case_ref, a.criterion, a.status, a.owner, a.escalate_to, a.due, a.rule_key
            FROM submissions s JOIN actions a ON a.template_id = s.template_id AND a.audit_id = s.audit_id
            WHERE s.template_id = @t AND s.is_current = 1 AND s.audit_date >= @from AND s.audit_date <= @to
              AND a.scope = 'case' AND a.status IN ('open', 'in_progress')
            """,
            ("@t", DbType.String), ("@p", DbType.String), ("@from", DbType.String), ("@to", DbType.String));
        read.Set(0, templateId);
        read.Set(1, period.Name);
        read.Set(2, DbCommands.Iso(period.First));
        read.Set(3, DbCommands.Iso(period.Last));
        using var reader = read.ExecuteReader();
        var actions = new List<OpenAction>();
        while (reader.Read())
        {
            var ruleKey = reader.GetString(9);
            if (ruleKey.Contains("/escalations/", StringComparison.Ordinal))
            {
                continue;
            }

            actions.Add(new OpenAction(
                reader.GetString(0),
                ActionScopes.TryParse(reader.GetString(1), out var scope) ? scope : ActionScope.Team,
                reader.NullableString(2),
                reader.NullableString(3),
                reader.NullableString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.NullableString(7),
                DbCommands.ParseIso(reader.GetString(8)),
                period.Name,
                ruleKey));
        }

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
        DbTransaction transaction, string templateId, ReportingPeriod period, IReadOnlyList<Reporting.CaseRow> cases, IReadOnlyList<string> criteria)
    {
        var byCase = cases
            .GroupBy(c => c.CaseRef, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.AuditDate).ThenBy(c => c.AuditId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        if (byCase.Count == 0)
        {
            return [];
        }

        var asked = new List<(string ActionId, string? Team, string CaseRef, string? Criterion, string AuditId, DateOnly Date, string? Grade)>();
        KeyedRead.ForEach(
            _connection,
            transaction,
            """
            SELECT a.action_id, a.team, a.case_ref, a.criterion, s.audit_id, s.audit_date, s.grade
            FROM actions a JOIN submissions s ON s.template_id = a.template_id AND s.audit_id = a.audit_id AND s.is_current = 1
            WHERE a.case_ref IN ({keys}) AND a.reaudit_days IS NOT NULL AND a.template_id = @t AND a.scope = 'case'
              AND a.status <> 'superseded' AND s.audit_date <= @to
            """,
            [("@t", DbType.String, templateId), ("@to", DbType.String, DbCommands.Iso(period.Last))],
            [.. byCase.Keys.Order(StringComparer.Ordinal)],
            reader => asked.Add((
                reader.GetString(0), reader.NullableString(1), reader.GetString(2), reader.NullableString(3), reader.GetString(4),
                DbCommands.ParseIso(reader.GetString(5)), reader.NullableString(6))));

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

            var at = action.Criterion is null ? -1 : IndexOf(criteria, action.Criterion);
            reaudits.Add(new Reaudit(
                action.ActionId, action.Team, action.CaseRef, action.Criterion, action.AuditId, action.Date, action.Grade,
                later.AuditId, later.AuditDate, later.Grade, at >= 0 && at < later.Outcomes.Length ? later.Outcomes[at].ToContractName() : null));
        }

        return reaudits;
    }

    private static int IndexOf(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] == item)
            {
                return i;
            }
        }

        return -1;
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
        if (!rows.Exists(r => r.Scope == ActionScope.Case && r.CaseRef is not null && r.AuditDate is not null))
        {
            return rows;
        }

        using var read = DbCommands.Create(
            _connection,
            null,
            """
            SELECT audit_id, audit_date, grade, outcomes, template_version, template_hash
            FROM submissions
            WHERE template_id = @t AND case_ref = @c AND is_current = 1 AND moderates IS NULL AND audit_date > @d
            ORDER BY audit_date, audit_id
            LIMIT 1
            """,
            ("@t", DbType.String), ("@c", DbType.String), ("@d", DbType.String));
        var versions = new Dictionary<string, Dictionary<(int Version, string Hash), List<string>>>(StringComparer.Ordinal);
        var found = new Dictionary<(string, string, DateOnly), (string AuditId, DateOnly Date, string? Grade, string? Codes, int Version, string Hash)?>();
        var result = new List<RegisterEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Scope != ActionScope.Case || row.CaseRef is not { } caseRef || row.AuditDate is not { } audited)
            {
                result.Add(row);
                continue;
            }

            var key = (row.TemplateId, caseRef, audited);
            if (!found.TryGetValue(key, out var later))
            {
                read.Set(0, row.TemplateId);
                read.Set(1, caseRef);
                read.Set(2, DbCommands.Iso(audited));
                using var reader = read.ExecuteReader();
                later = reader.Read()
                    ? (reader.GetString(0), DbCommands.ParseIso(reader.GetString(1)), reader.NullableString(2), reader.NullableString(3), reader.Int32(4), reader.GetString(5))
                    : null;
                found.Add(key, later);
            }

            if (later is not { } l)
            {
                result.Add(row);
                continue;
            }

            if (!versions.TryGetValue(row.TemplateId, out var byVersion))
            {
                versions.Add(row.TemplateId, byVersion = CriteriaByVersion(null, row.TemplateId));
            }

            var outcome = row.Criterion is { } criterion ? OutcomeOf(l.Codes, byVersion, l.Version, l.Hash, criterion) ?? "missing" : null;
            result.Add(row with { Reaudit = new ReauditLink(l.AuditId, l.Date, l.Grade, outcome) });
        }

        return result;
    }
}
