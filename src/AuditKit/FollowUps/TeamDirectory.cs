using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>The people who hold the managing roles for a team (or, as defaults, for every team).</summary>
public sealed record TeamContacts(string? TeamManager = null, string? ServiceManager = null, string? HeadOfService = null)
{
    public static TeamContacts None { get; } = new();

    /// <summary>The roles a team directory can name; practitioner and auditor come from each submission.</summary>
    public static IReadOnlyList<string> RoleKeys { get; } = ["team_manager", "service_manager", "head_of_service"];

    /// <summary>The person named for <paramref name="role"/>, or null.</summary>
    public string? For(Role role) => role switch
    {
        Role.TeamManager => TeamManager,
        Role.ServiceManager => ServiceManager,
        Role.HeadOfService => HeadOfService,
        _ => null,
    };
}

/// <summary>One team's entry in the directory.</summary>
/// <param name="Name">The team name as written (trimmed).</param>
public sealed record TeamEntry(string Name, TeamContacts Contacts, SourceLocation Location);

/// <summary>
/// Who holds each managing role, per team, with defaults for teams (or roles) not listed. Team names match
/// ignoring case and surrounding spaces.
/// </summary>
public sealed class TeamDirectory
{
    private readonly Dictionary<string, TeamEntry> _byName;

    public TeamDirectory(IEnumerable<TeamEntry> teams, TeamContacts? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(teams);
        _byName = new Dictionary<string, TeamEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in teams)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if (!_byName.TryAdd(entry.Name.Trim(), entry))
            {
                throw new ArgumentException("Team names must be unique ignoring case and surrounding spaces.", nameof(teams));
            }
        }

        Defaults = defaults ?? TeamContacts.None;
        Teams = [.. _byName.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    public static TeamDirectory Empty { get; } = new([]);

    public TeamContacts Defaults { get; }

    /// <summary>The teams listed, sorted by name.</summary>
    public ImmutableArray<TeamEntry> Teams { get; }

    /// <summary>The entry for <paramref name="team"/>, matched ignoring case and surrounding spaces, or null.</summary>
    public TeamEntry? Find(string? team) =>
        team is not null && _byName.TryGetValue(team.Trim(), out var entry) ? entry : null;

    /// <summary>The person who holds <paramref name="role"/> for <paramref name="team"/> (else the default), or null.</summary>
    public string? PersonFor(Role role, string? team) => Find(team)?.Contacts.For(role) ?? Defaults.For(role);

    /// <summary>
    /// The person named for the role (by its contract name, e.g. <c>team_manager</c>) in <paramref name="team"/>,
    /// else the default for that role, else the role name unchanged. Practitioner and auditor, and anything that
    /// is not a role's contract name, come back unchanged.
    /// </summary>
    public string Resolve(string roleContractName, string? team)
    {
        ArgumentNullException.ThrowIfNull(roleContractName);
        return RoleNames.TryParse(roleContractName, out var role) && PersonFor(role, team) is { } person
            ? person
            : roleContractName;
    }
}
