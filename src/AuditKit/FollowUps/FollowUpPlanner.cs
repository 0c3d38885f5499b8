using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>What planning one period from the store gives: its team, service and escalation actions, its figures to keep
/// for later periods' escalations (empty when the rule set has none), and the escalations that could not be evaluated.</summary>
public sealed record PeriodPlan(
    ImmutableArray<FollowUpAction> Actions,
    ImmutableArray<Escalations.PeriodFigure> Figures,
    ImmutableArray<string> Failures);

/// <summary>
/// Plans team and service follow-up actions from the compliance summary, resolves owners to people, and
/// sorts actions for reports. Case actions are raised during evaluation; they pass through
/// <see cref="ResolveOwners(IEnumerable{FollowUpAction}, Func{FollowUpAction, ValueTuple{string, string}}, TeamDirectory)"/>
/// and <see cref="SortForReport"/> with the rest.
/// </summary>
public static class FollowUpPlanner
{
    /// <summary>
    /// One action for every team x criterion x <c>team_actions</c> rule that holds (teams by name, criteria in template
    /// order, rules in order), then one for every criterion x <c>service_actions</c> rule that holds. Due dates are
    /// <paramref name="asOf"/> plus the rule's working days. Owners and escalations are role contract names. With a
    /// <paramref name="period"/>, the summary is that period's figures, and each action's id and record carry it.
    /// </summary>
    public static ImmutableArray<FollowUpAction> PlanTeamAndServiceActions(
        AuditTemplate template,
        ComplianceSummary summary,
        IActionConditions conditions,
        DateOnly asOf,
        IWorkingDayCalendar calendar,
        string? period = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(calendar);

        var rules = template.EffectiveRules;
        var teams = summary.Teams.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var actions = ImmutableArray.CreateBuilder<FollowUpAction>();
        var dueDates = new Dictionary<int, DateOnly>();
        DateOnly Due(int days)
        {
            if (!dueDates.TryGetValue(days, out var due))
            {
                due = calendar.AddWorkingDays(asOf, days);
                dueDates.Add(days, due);
            }

            return due;
        }

        if (!rules.TeamActions.IsEmpty)
        {
            foreach (var team in teams)
            {
                var name = team.Name ?? throw new ArgumentException("Every team group must have a name.", nameof(summary));
                for (var i = 0; i < template.Criteria.Length; i++)
                {
                    var criterion = template.Criteria[i];
                    var stat = StatFor(team, criterion, i);
                    var facts = new TeamCriterionFacts(name, criterion.Id, stat.Compliance, stat.Target, stat.Rag, stat.Counts.Applicable, team.Audits);
                    foreach (var rule in rules.TeamActions)
                    {
                        if (conditions.TeamActionMatches(rule, facts))
                        {
                            actions.Add(Create(template, rule, name, criterion, stat, Due(rule.DueInWorkingDays), period));
                        }
                    }
                }
            }
        }

        if (!rules.ServiceActions.IsEmpty)
        {
            for (var i = 0; i < template.Criteria.Length; i++)
            {
                var criterion = template.Criteria[i];
                var overall = StatFor(summary.Overall, criterion, i);
                var teamStats = teams.Select(t => StatFor(t, criterion, i)).ToList();
                var facts = new ServiceCriterionFacts(
                    criterion.Id,
                    overall.Compliance,
                    overall.Target,
                    overall.Rag,
                    RedTeams: teamStats.Count(s => s.Rag == Rag.Red),
                    AmberTeams: teamStats.Count(s => s.Rag == Rag.Amber),
                    Teams: teamStats.Count(s => s.Compliance is not null));
                foreach (var rule in rules.ServiceActions)
                {
                    if (conditions.ServiceActionMatches(rule, facts))
                    {
                        actions.Add(Create(template, rule, null, criterion, overall, Due(rule.DueInWorkingDays), period));
                    }
                }
            }
        }

        return actions.ToImmutable();
    }

    /// <summary>
    /// The team and service actions one period's audits call for: its figures worked out from <paramref name="cases"/>
    /// (all the period's current audits, however many runs recorded them), then planned as
    /// <see cref="PlanTeamAndServiceActions"/> plans, then the rule set's escalations about those figures (with the earlier
    /// periods' figures and the period's re-audits in <paramref name="history"/>); each action carries the period, owners
    /// resolved through <paramref name="directory"/>.
    /// </summary>
    public static PeriodPlan PlanPeriod(
        CompiledRuleSet rules,
        Compliance.ReportingPeriod period,
        IEnumerable<Reporting.CaseRow> cases,
        Escalations.CycleHistory history,
        DateOnly asOf,
        IWorkingDayCalendar calendar,
        TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(history);
        var template = rules.Template;
        var calculator = new ComplianceCalculator(template);
        foreach (var row in cases)
        {
            calculator.Add(row);
        }

        var summary = calculator.Complete();
        var planned = PlanTeamAndServiceActions(template, summary, rules, asOf, calendar, period.Name);
        var escalations = Escalations.EscalationPlanner.ForPeriod(rules, period, summary, history, asOf, calendar);
        return new PeriodPlan(
            ResolveOwners([.. planned, .. escalations.Actions], _ => (null, null), directory),
            rules.HasEscalations ? Escalations.EscalationLayout.Record(template, period, summary) : [],
            escalations.Failures);
    }

    /// <summary>
    /// Replaces role owners (and escalations) with people where known: practitioner and auditor from
    /// <paramref name="people"/> (the case's submission), managing roles from <paramref name="directory"/>.
    /// Anything not known stays the role name.
    /// </summary>
    public static ImmutableArray<FollowUpAction> ResolveOwners(
        IEnumerable<FollowUpAction> actions,
        Func<FollowUpAction, (string? Practitioner, string? Auditor)> people,
        TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(people);
        return [.. actions.Select(action =>
        {
            var (practitioner, auditor) = people(action);
            var owner = OwnerResolver.Resolve(action.Owner, action.Team, practitioner, auditor, directory);
            var escalateTo = action.EscalateTo is null
                ? null
                : OwnerResolver.Resolve(action.EscalateTo, action.Team, practitioner, auditor, directory);
            return owner == action.Owner && escalateTo == action.EscalateTo
                ? action
                : action with { Owner = owner, EscalateTo = escalateTo };
        })];
    }

    /// <summary>
    /// As <see cref="ResolveOwners(IEnumerable{FollowUpAction}, Func{FollowUpAction, ValueTuple{string, string}}, TeamDirectory)"/>,
    /// finding each case action's practitioner and auditor by its audit id among <paramref name="submissions"/>.
    /// </summary>
    public static ImmutableArray<FollowUpAction> ResolveOwners(
        IEnumerable<FollowUpAction> actions,
        IEnumerable<Submission> submissions,
        TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var people = new Dictionary<string, (string? Practitioner, string? Auditor)>(StringComparer.Ordinal);
        foreach (var submission in submissions)
        {
            people.TryAdd(submission.AuditId, (submission.Practitioner, submission.Auditor));
        }

        return ResolveOwners(
            actions,
            action => action.AuditId is { } id && people.TryGetValue(id, out var found) ? found : (null, null),
            directory);
    }

    /// <summary>
    /// The case actions of one evaluated audit, in the order raised, with ids, texts and owners (practitioner and
    /// auditor from the audit, the managing roles from <paramref name="directory"/>).
    /// </summary>
    public static ImmutableArray<FollowUpAction> PlanCaseActions(string templateId, CaseResult result, TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Submission;
        return [.. result.Actions.Select(raised =>
        {
            var (id, owner, escalateTo) = CaseActions.Builder.Plan(templateId, raised.Rule, s.Team, s.AuditId, s.Practitioner, s.Auditor, directory);
            return new FollowUpAction(
                id.ToString(), ActionScope.Case, s.Team, s.CaseRef, raised.Rule.Criterion, raised.Rule.Text.Render(s.Team, s.CaseRef), owner,
                raised.Due, escalateTo, raised.Rule.RuleKey, AuditId: s.AuditId, Target: raised.Rule.Target)
            {
                ReauditWithinWorkingDays = raised.Rule.ReauditWithinWorkingDays,
            };
        })];
    }

    /// <summary>Case actions, then team, then service; within each by due date, team, case reference, criterion and id.</summary>
    public static ImmutableArray<FollowUpAction> SortForReport(IEnumerable<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var items = actions.ToArray();
        if (items.Length < 2)
        {
            return ImmutableArray.Create(items);
        }

        // Array.Sort is not stable, so the original position breaks ties: the same order as a stable sort,
        // without the key arrays and delegate calls of a six-level LINQ OrderBy (this sorts millions of case actions).
        var order = new int[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            var byKeys = CompareForReport(items[x], items[y]);
            return byKeys != 0 ? byKeys : x.CompareTo(y);
        });
        var sorted = new FollowUpAction[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = items[order[i]];
        }

        return ImmutableArray.Create(sorted);
    }

    /// <summary>The order of <see cref="SortForReport"/>: scope, due date, team, case reference, criterion, id (ordinal; null first).</summary>
    internal static int CompareForReport(FollowUpAction a, FollowUpAction b)
    {
        var c = a.Scope.CompareTo(b.Scope);
        if (c != 0)
        {
            return c;
        }

        c = a.Due.CompareTo(b.Due);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Team, b.Team);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.CaseRef, b.CaseRef);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Criterion, b.Criterion);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    internal static CriterionStat StatFor(GroupSummary group, CriterionDefinition criterion, int index)
    {
        if (index < group.Criteria.Length && group.Criteria[index].Id == criterion.Id)
        {
            return group.Criteria[index];
        }

        foreach (var stat in group.Criteria)
        {
            if (stat.Id == criterion.Id)
            {
                return stat;
            }
        }

        throw new ArgumentException($"The summary has no statistics for criterion '{criterion.Id}'.", nameof(group));
    }

    private static FollowUpAction Create(
        AuditTemplate template, ActionRule rule, string? team, CriterionDefinition criterion, CriterionStat stat, DateOnly due, string? period)
    {
        var text = ActionText.Render(rule.Text, new ActionTextValues(
            Team: team,
            Criterion: criterion.Id,
            CriterionText: criterion.Text,
            Compliance: stat.Compliance,
            Target: stat.Target));
        return new FollowUpAction(
            ActionId.Create(template.Id, rule.Key, team, null, criterion.Id, period).ToString(),
            team is null ? ActionScope.Service : ActionScope.Team,
            team,
            CaseRef: null,
            criterion.Id,
            text,
            rule.Owner.ToContractName(),
            due,
            rule.EscalateTo?.ToContractName(),
            rule.Key,
            AuditId: null,
            CompliancePercent: stat.Compliance,
            Target: stat.Target,
            Period: period);
    }
}
