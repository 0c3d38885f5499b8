using AuditKit.Store;
using AuditKit.Web.People;

namespace AuditKit.Web.Access;

/// <summary>
/// What the signed-in person may see and change: the one place every page and API endpoint asks, for every object, on
/// every request. A team manager and an auditor see their team (an auditor also the audits they carried out), a service
/// manager the teams whose audits name their service, a head of service, QA officer and administrator every team.
/// Service actions (about no one team) are seen by those who see every team. Teams compare ignoring case.
/// </summary>
public sealed class AccessScope
{
    private readonly IReadOnlyDictionary<string, string?> _serviceOfTeam;

    public AccessScope(Person person, IReadOnlyList<TeamService> teams)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(teams);
        Person = person;
        var services = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var team in teams)
        {
            services.TryAdd(team.Team, team.Service);
        }

        _serviceOfTeam = services;
    }

    public Person Person { get; }

    public bool SeesEverything => Roles.SeesEverything(Person.Role);

    public bool CanSeeTeam(string? team)
    {
        if (team is null)
        {
            return false;
        }

        if (SeesEverything)
        {
            return true;
        }

        return Person.Role switch
        {
            Roles.TeamManager or Roles.Auditor => Same(team, Person.Team),
            Roles.ServiceManager => Person.Service is not null && _serviceOfTeam.GetValueOrDefault(team) is { } service && Same(service, Person.Service),
            _ => false,
        };
    }

    /// <summary>The teams of the store this person sees, sorted.</summary>
    public IReadOnlyList<string> VisibleTeams() => [.. _serviceOfTeam.Keys.Where(CanSeeTeam).Order(StringComparer.OrdinalIgnoreCase)];

    public bool CanSeeAudit(Reporting.CaseRow audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return CanSeeTeam(audit.Team) || (Person.Role == Roles.Auditor && Same(audit.Auditor, Person.Name));
    }

    public bool CanSeeAction(RegisterEntry action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return SeesEverything || CanSeeTeam(action.Team);
    }

    /// <summary>The action's owner (named by name or email) or a manager of its team.</summary>
    public bool CanRecordProgress(RegisterEntry action) =>
        CanSeeAction(action) && (IsOwner(action) || ManagesActionsOf(action));

    /// <summary>Only a manager cancels an action.</summary>
    public bool CanCancel(RegisterEntry action) => CanSeeAction(action) && ManagesActionsOf(action);

    public bool IsOwner(RegisterEntry action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Same(action.Owner, Person.Name) || Same(action.Owner, Person.Email);
    }

    private bool ManagesActionsOf(RegisterEntry action) => Person.Role switch
    {
        Roles.TeamManager or Roles.ServiceManager => CanSeeTeam(action.Team),
        Roles.HeadOfService or Roles.Admin => true,
        _ => false,
    };

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
