using System.Collections.Immutable;
using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>
/// The follow-up actions of a run, planned: its case actions (held compactly, as a run can raise millions), then its
/// team and service actions, each in report order, and how their ids are shown.
/// </summary>
public sealed class RunActions
{
    /// <param name="teamAndService">Team and service actions with owners resolved, in any order.</param>
    public RunActions(CaseActions cases, IEnumerable<FollowUpAction> teamAndService)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(teamAndService);
        Cases = cases;
        TeamAndService = FollowUpPlanner.SortForReport(teamAndService);
        if (TeamAndService.Any(a => a.Scope == ActionScope.Case))
        {
            throw new ArgumentException("Case actions belong in the case actions.", nameof(teamAndService));
        }

        _ids = new Lazy<ActionIdPrefixes>(() => ActionIdPrefixes.For(
            cases.Ids.Concat(TeamAndService.Select(a => ActionId.TryParse(a.Id, out var id) ? id : default))));
    }

    // Worked out only when ids are shown to people (summary.json has them in full), then kept.
    private readonly Lazy<ActionIdPrefixes> _ids;

    public static RunActions None { get; } = new(CaseActions.None, []);

    public CaseActions Cases { get; }

    /// <summary>Team, then service actions, each by due date, team, criterion and id.</summary>
    public ImmutableArray<FollowUpAction> TeamAndService { get; }

    /// <summary>How each action's id is shown to people (the shortest unique prefix of at least 12 digits).</summary>
    public ActionIdPrefixes Ids => _ids.Value;

    public int Count => Cases.Count + TeamAndService.Length;

    /// <summary>
    /// Actions planned already, case actions among them (for reports made from records, and tests).
    /// </summary>
    public static RunActions From(IEnumerable<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var cases = new CaseActions.Builder(string.Empty, null);
        var others = new List<FollowUpAction>();
        foreach (var action in actions)
        {
            if (action.Scope == ActionScope.Case)
            {
                cases.Add(action);
            }
            else
            {
                others.Add(action);
            }
        }

        return new RunActions(cases.Build(), others);
    }

    /// <summary>Every action as a record of its own, case actions first (each built as it is read).</summary>
    public IEnumerable<FollowUpAction> ToFollowUpActions() => Cases.ToFollowUpActions().Concat(TeamAndService);
}
