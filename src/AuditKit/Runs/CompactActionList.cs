using System.Collections;
using System.Collections.Immutable;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Runs;

/// <summary>The audit a case action is about: what its text, id and owners are built from.</summary>
internal sealed record CaseActionSubject(string AuditId, string CaseRef, string Team, string? Practitioner, string? Auditor);

/// <summary>One case action held compactly: the audit (index into the subjects), the case action rule, the due day.</summary>
internal readonly record struct CompactCaseAction(int Subject, int Rule, int DueDay);

/// <summary>
/// A run's actions in report order (case, then team, then service), holding the case actions compactly: a run
/// can raise millions of them, and their texts and ids are built only when a writer reads them. Reading an action
/// builds it afresh, resolving owners as the run would have; the same index always gives an equal action.
/// </summary>
internal sealed class CompactActionList : IReadOnlyList<FollowUpAction>
{
    private readonly CompiledRuleSet _rules;
    private readonly CaseActionSubject[] _subjects;
    private readonly CompactCaseAction[] _caseActions;
    private readonly ImmutableArray<FollowUpAction> _others;
    private readonly TeamDirectory? _directory;

    /// <param name="caseActions">In report order already (see <see cref="SortCaseActions"/>).</param>
    /// <param name="others">Team and service actions, sorted for the report, owners resolved.</param>
    public CompactActionList(
        CompiledRuleSet rules,
        CaseActionSubject[] subjects,
        CompactCaseAction[] caseActions,
        ImmutableArray<FollowUpAction> others,
        TeamDirectory? directory)
    {
        _rules = rules;
        _subjects = subjects;
        _caseActions = caseActions;
        _others = others;
        _directory = directory;
    }

    public int Count => _caseActions.Length + _others.Length;

    /// <summary>How many of the actions are case actions (they come first).</summary>
    public int CaseCount => _caseActions.Length;

    public FollowUpAction this[int index]
    {
        get
        {
            if ((uint)index < (uint)_caseActions.Length)
            {
                return Build(_caseActions[index]);
            }

            return _others[index - _caseActions.Length];
        }
    }

    public IEnumerator<FollowUpAction> GetEnumerator()
    {
        foreach (var action in _caseActions)
        {
            yield return Build(action);
        }

        foreach (var action in _others)
        {
            yield return action;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>How many of <paramref name="actions"/> are case actions, without building a run's case actions.</summary>
    public static int CountCaseActions(IReadOnlyList<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions is CompactActionList compact ? compact.CaseCount : actions.Count(a => a.Scope == ActionScope.Case);
    }

    /// <summary>The team and service actions of <paramref name="actions"/>, in order, without building a run's case actions.</summary>
    public static IEnumerable<FollowUpAction> WithoutCaseActions(IReadOnlyList<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions is CompactActionList compact ? compact._others : actions.Where(a => a.Scope != ActionScope.Case);
    }

    /// <summary>
    /// Sorts case actions as <see cref="FollowUpPlanner.SortForReport"/> does: due date, team, case reference,
    /// criterion, id (ordinal), then the order raised. Ids are built only to break ties.
    /// </summary>
    public static CompactCaseAction[] SortCaseActions(CompiledRuleSet rules, CaseActionSubject[] subjects, List<CompactCaseAction> actions)
    {
        var order = new int[actions.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var criteria = new string?[rules.Criteria.Length + rules.CaseActionRules.Length];
        for (var r = 0; r < criteria.Length; r++)
        {
            criteria[r] = rules.CaseActionCriterion(r);
        }

        Array.Sort(order, (x, y) =>
        {
            var a = actions[x];
            var b = actions[y];
            var c = a.DueDay.CompareTo(b.DueDay);
            if (c != 0)
            {
                return c;
            }

            var sa = subjects[a.Subject];
            var sb = subjects[b.Subject];
            c = string.CompareOrdinal(sa.Team, sb.Team);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(sa.CaseRef, sb.CaseRef);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(criteria[a.Rule], criteria[b.Rule]);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(rules.CaseActionId(a.Rule, sa.Team, sa.AuditId), rules.CaseActionId(b.Rule, sb.Team, sb.AuditId));
            return c != 0 ? c : x.CompareTo(y);
        });

        var sorted = new CompactCaseAction[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = actions[order[i]];
        }

        return sorted;
    }

    private FollowUpAction Build(CompactCaseAction action)
    {
        var subject = _subjects[action.Subject];
        var (owner, escalateTo) = _rules.CaseActionRoles(action.Rule);
        owner = OwnerResolver.Resolve(owner, subject.Team, subject.Practitioner, subject.Auditor, _directory);
        escalateTo = escalateTo is null ? null : OwnerResolver.Resolve(escalateTo, subject.Team, subject.Practitioner, subject.Auditor, _directory);
        return _rules.CreateCaseAction(action.Rule, subject.Team, subject.CaseRef, subject.AuditId, DateOnly.FromDayNumber(action.DueDay), owner, escalateTo);
    }
}
