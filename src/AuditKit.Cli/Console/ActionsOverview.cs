using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;

namespace AuditKit.Cli.Console;

/// <summary>One owner's actions, by scope, and how many of them were raised late.</summary>
internal sealed record OwnerCount(string Owner, int Case, int Team, int Service, int RaisedLate)
{
    public int Total => Case + Team + Service;
}

/// <summary>One of the most urgent actions, with when it was raised against its audit when that is known.</summary>
internal sealed record UrgentAction(FollowUpAction Action, DueState State, string? Raised);

/// <summary>
/// What the console says of a run's actions instead of listing them (the workbook and summary.json list them all):
/// counts by scope, progress and owner, and the few most urgent. Every action of a run is raised on its as-of date, so
/// one due before it was raised late: its timescale ran out before its audit reached the run.
/// </summary>
internal sealed record ActionsOverview(
    int Total,
    int Case,
    int Team,
    int Service,
    int NotYetDue,
    int RaisedLate,
    IReadOnlyList<OwnerCount> Owners,
    int OtherOwners,
    IReadOnlyList<UrgentAction> MostUrgent)
{
    public const int OwnersShown = 8;
    public const int UrgentShown = 5;

    public static ActionsOverview Of(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var asOf = report.AsOf;
        var owners = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var raisedLate = 0;
        void Count(string owner, ActionScope scope, DateOnly due)
        {
            if (!owners.TryGetValue(owner, out var counts))
            {
                counts = new int[4];
                owners.Add(owner, counts);
            }

            counts[(int)scope]++;
            if (ActionDue.State(due, asOf, asOf) == DueState.RaisedLate)
            {
                counts[3]++;
                raisedLate++;
            }
        }

        var cases = report.Actions.Cases;
        for (var i = 0; i < cases.Count; i++)
        {
            var action = cases[i];
            Count(action.Owner, ActionScope.Case, action.Due);
        }

        var others = report.Actions.TeamAndService;
        foreach (var action in others)
        {
            Count(action.Owner, action.Scope, action.Due);
        }

        var ranked = owners
            .Select(o => new OwnerCount(o.Key, o.Value[0], o.Value[1], o.Value[2], o.Value[3]))
            .OrderByDescending(o => o.Total)
            .ThenBy(o => o.Owner, StringComparer.Ordinal)
            .ToList();

        // Each list is in due-date order already: the earliest of each, then the earliest of those.
        var urgent = Enumerable.Range(0, Math.Min(UrgentShown, cases.Count)).Select(i => cases[i].ToFollowUpAction())
            .Concat(others.Take(UrgentShown))
            .OrderBy(a => a.Due)
            .Take(UrgentShown)
            .ToList();
        var auditDates = AuditDates(report, urgent.Select(a => a.AuditId));
        var teamCount = others.Count(a => a.Scope == ActionScope.Team);
        return new ActionsOverview(
            report.Actions.Count,
            cases.Count,
            teamCount,
            others.Length - teamCount,
            report.Actions.Count - raisedLate,
            raisedLate,
            [.. ranked.Take(OwnersShown)],
            Math.Max(0, ranked.Count - OwnersShown),
            [.. urgent.Select(a => new UrgentAction(a, ActionDue.State(a.Due, asOf, asOf), Raised(a, auditDates, asOf)))]);
    }

    private static string? Raised(FollowUpAction action, Dictionary<string, DateOnly> auditDates, DateOnly asOf) => action.Scope switch
    {
        ActionScope.Case => action.AuditId is { } id && auditDates.TryGetValue(id, out var date) ? ActionDue.RaisedAfterAudit(date, asOf) : null,
        ActionScope.Team => "from the team's figures",
        _ => "from the service's figures",
    };

    /// <summary>The audit dates of the given audits, from the run's cases (empty when the run did not keep them).</summary>
    private static Dictionary<string, DateOnly> AuditDates(RunReport report, IEnumerable<string?> auditIds)
    {
        var wanted = auditIds.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return dates;
        }

        foreach (var row in report.Cases)
        {
            if (wanted.Contains(row.AuditId))
            {
                dates.TryAdd(row.AuditId, row.AuditDate);
            }
        }

        return dates;
    }
}
