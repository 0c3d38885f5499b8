using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.FollowUps.Escalations;

/// <summary>The names each kind of escalation reads, their slots, and the facts they are read from.</summary>
internal static class EscalationLayout
{
    private static readonly NameTable TeamTable = Table(
        ExpressionScope.EscalationTeam,
        ("team", ExprType.Text), ("criterion", ExprType.Text), ("compliance", ExprType.Number), ("target", ExprType.Number), ("rag", ExprType.Text),
        ("applicable", ExprType.Number), ("audits", ExprType.Number), ("period", ExprType.Text), ("periods_red", ExprType.Number),
        ("previous_rag", ExprType.Text), ("previous_compliance", ExprType.Number));

    private static readonly NameTable ServiceTable = Table(
        ExpressionScope.EscalationService,
        ("criterion", ExprType.Text), ("compliance", ExprType.Number), ("target", ExprType.Number), ("rag", ExprType.Text),
        ("red_teams", ExprType.Number), ("amber_teams", ExprType.Number), ("teams", ExprType.Number), ("period", ExprType.Text),
        ("periods_red", ExprType.Number), ("previous_rag", ExprType.Text), ("previous_compliance", ExprType.Number));

    private static readonly NameTable ActionTable = Table(
        ExpressionScope.EscalationAction,
        ("scope", ExprType.Text), ("team", ExprType.Text), ("criterion", ExprType.Text), ("status", ExprType.Text), ("owner", ExprType.Text),
        ("escalate_to", ExprType.Text), ("due", ExprType.Date), ("period", ExprType.Text), ("action_overdue_working_days", ExprType.Number));

    private static readonly NameTable ReauditTable = Table(
        ExpressionScope.EscalationReaudit,
        ("team", ExprType.Text), ("criterion", ExprType.Text), ("previous_grade", ExprType.Text), ("reaudit_grade", ExprType.Text),
        ("reaudit_outcome", ExprType.Text), ("reaudit_working_days", ExprType.Number));

    /// <summary>The names an escalation about <paramref name="subject"/> reads (a chain reads those of its first rule).</summary>
    public static NameTable Names(EscalationSubject subject) => subject switch
    {
        EscalationSubject.Team => TeamTable,
        EscalationSubject.Service => ServiceTable,
        EscalationSubject.Action => ActionTable,
        EscalationSubject.Reaudit => ReauditTable,
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };

    /// <summary>
    /// The team and service figure facts of one period: each team x criterion and each criterion across the service, with
    /// the consecutive periods Red up to this one and the previous period's figure from <paramref name="earlier"/>.
    /// </summary>
    public static IEnumerable<SubjectFact> Figures(
        AuditTemplate template, ReportingPeriod period, ComplianceSummary summary, IReadOnlyList<PeriodFigure> earlier)
    {
        var history = earlier
            .GroupBy(f => (f.Team, f.Criterion))
            .ToDictionary(g => g.Key, g => g.ToDictionary(f => f.Period, StringComparer.Ordinal));
        var teams = summary.Teams.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < template.Criteria.Length; i++)
        {
            var criterion = template.Criteria[i];
            foreach (var team in teams)
            {
                var stat = FollowUpPlanner.StatFor(team, criterion, i);
                var (red, previous) = Past(history, team.Name, criterion.Id, period, stat.Rag);
                Value[] values =
                [
                    Value.FromText(team.Name), Value.FromText(criterion.Id), Number(stat.Compliance), Value.FromNumber(stat.Target), Rag(stat.Rag),
                    Value.FromNumber(stat.Counts.Applicable), Value.FromNumber(team.Audits), Value.FromText(period.Name), Value.FromNumber(red),
                    Rag(previous?.Rag), Number(previous?.Compliance),
                ];
                yield return new SubjectFact(
                    EscalationSubject.Team, values, new EscalationTarget(team.Name, null, criterion.Id, period.Name, $"team:{team.Name}", null, stat.Compliance, stat.Target));
            }

            var overall = FollowUpPlanner.StatFor(summary.Overall, criterion, i);
            var teamStats = teams.Select(t => FollowUpPlanner.StatFor(t, criterion, i)).ToList();
            var (serviceRed, servicePrevious) = Past(history, null, criterion.Id, period, overall.Rag);
            Value[] service =
            [
                Value.FromText(criterion.Id), Number(overall.Compliance), Value.FromNumber(overall.Target), Rag(overall.Rag),
                Value.FromNumber(teamStats.Count(s => s.Rag == Templates.Rag.Red)), Value.FromNumber(teamStats.Count(s => s.Rag == Templates.Rag.Amber)),
                Value.FromNumber(teamStats.Count(s => s.Compliance is not null)), Value.FromText(period.Name), Value.FromNumber(serviceRed),
                Rag(servicePrevious?.Rag), Number(servicePrevious?.Compliance),
            ];
            yield return new SubjectFact(
                EscalationSubject.Service, service, new EscalationTarget(null, null, criterion.Id, period.Name, "service", null, overall.Compliance, overall.Target));
        }
    }

    /// <summary>The figures of one period to keep for later periods' escalations.</summary>
    public static ImmutableArray<PeriodFigure> Record(AuditTemplate template, ReportingPeriod period, ComplianceSummary summary)
    {
        var figures = ImmutableArray.CreateBuilder<PeriodFigure>();
        for (var i = 0; i < template.Criteria.Length; i++)
        {
            var criterion = template.Criteria[i];
            foreach (var team in summary.Teams.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                var stat = FollowUpPlanner.StatFor(team, criterion, i);
                figures.Add(new PeriodFigure(period.Name, team.Name, criterion.Id, stat.Compliance, stat.Rag, stat.Counts.Applicable));
            }

            var overall = FollowUpPlanner.StatFor(summary.Overall, criterion, i);
            figures.Add(new PeriodFigure(period.Name, null, criterion.Id, overall.Compliance, overall.Rag, overall.Counts.Applicable));
        }

        return figures.ToImmutable();
    }

    public static SubjectFact Action(OpenAction action, DateOnly asOf, IWorkingDayCalendar calendar)
    {
        var overdue = action.Due < asOf ? calendar.WorkingDaysBetween(action.Due, asOf) : 0;
        Value[] values =
        [
            Value.FromText(ActionScopes.Name(action.Scope)), Value.FromText(action.Team), Value.FromText(action.Criterion), Value.FromText(action.Status),
            Value.FromText(action.Owner), Value.FromText(action.EscalateTo), Value.FromDate(action.Due), Value.FromText(action.Period),
            Value.FromNumber(overdue),
        ];
        return new SubjectFact(
            EscalationSubject.Action, values, new EscalationTarget(action.Team, action.CaseRef, action.Criterion, action.Period, $"action:{action.Id}", action.EscalateTo, null, null)
            {
                AboutAction = action.Id,
            });
    }

    public static SubjectFact Reaudit(Reaudit reaudit, string period, IWorkingDayCalendar calendar)
    {
        Value[] values =
        [
            Value.FromText(reaudit.Team), Value.FromText(reaudit.Criterion), Value.FromText(reaudit.EarlierGrade), Value.FromText(reaudit.Grade),
            Value.FromText(reaudit.Outcome), Value.FromNumber(calendar.WorkingDaysBetween(reaudit.EarlierDate, reaudit.Date)),
        ];
        return new SubjectFact(
            EscalationSubject.Reaudit,
            values,
            new EscalationTarget(reaudit.Team, reaudit.CaseRef, reaudit.Criterion, period, $"reaudit:{reaudit.ActionId}:{reaudit.AuditId}", null, null, null)
            {
                AboutAction = reaudit.ActionId,
            });
    }

    /// <summary>Consecutive periods Red ending with this one, and the previous period's figure.</summary>
    private static (int Red, PeriodFigure? Previous) Past(
        Dictionary<(string?, string), Dictionary<string, PeriodFigure>> history, string? team, string criterion, ReportingPeriod period, Rag? now)
    {
        history.TryGetValue((team, criterion), out var byPeriod);
        var previousPeriod = period.Previous;
        PeriodFigure? previous = null;
        byPeriod?.TryGetValue(previousPeriod.Name, out previous);
        if (now != Templates.Rag.Red)
        {
            return (0, previous);
        }

        var red = 1;
        for (var p = previousPeriod; byPeriod is not null && byPeriod.TryGetValue(p.Name, out var figure) && figure.Rag == Templates.Rag.Red; p = p.Previous)
        {
            red++;
        }

        return (red, previous);
    }

    private static Value Number(double? number) => number is { } n ? Value.FromNumber(n) : Value.Missing;

    private static Value Rag(Rag? rag) => rag is { } r ? Value.FromText(RagNames.Name(r)) : Value.Missing;

    private static NameTable Table(ExpressionScope scope, params (string Name, ExprType Type)[] names) =>
        new(scope, names.Select((n, i) => new NameInfo(n.Name, n.Type, i)));
}

/// <summary>What an escalation action raised about a subject is attached to.</summary>
/// <param name="SubjectKey">Identifies the subject within the period, for the action's id.</param>
/// <param name="EscalateTo">The subject action's <c>escalate_to</c>, for <c>owner: escalate_to</c>.</param>
internal sealed record EscalationTarget(
    string? Team, string? CaseRef, string? Criterion, string Period, string SubjectKey, string? EscalateTo, double? Compliance, double? Target)
{
    /// <summary>The action an escalation about an action or a re-audit is about.</summary>
    public string? AboutAction { get; init; }
}

/// <summary>A fact escalations match: a team or service figure, an open action or a re-audit. A class: facts need identity.</summary>
internal sealed class SubjectFact(EscalationSubject kind, Value[] values, EscalationTarget target)
{
    public EscalationSubject Kind { get; } = kind;

    public Value[] Values { get; } = values;

    public EscalationTarget Target { get; } = target;
}

/// <summary>The fact an escalation rule inserts when it fires; rules with <c>after</c> match it.</summary>
internal sealed class RaisedFact(EscalationRule rule, SubjectFact subject, RaisedFact? parent)
{
    public EscalationRule Rule { get; } = rule;

    public string RuleId => Rule.Id;

    public SubjectFact Subject { get; } = subject;

    public RaisedFact? Parent { get; } = parent;
}
