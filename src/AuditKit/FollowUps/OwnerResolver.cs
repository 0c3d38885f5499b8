using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>Turns an owner role into a person's name where one is known.</summary>
public static class OwnerResolver
{
    /// <summary>
    /// <c>practitioner</c> and <c>auditor</c> resolve to the submission's practitioner and auditor; the managing roles
    /// resolve through <paramref name="directory"/> (the team's entry, else its defaults). When nothing better is
    /// known the role name comes back unchanged, as does a value that is not a role's contract name (an owner
    /// already resolved).
    /// </summary>
    public static string Resolve(string role, string? team, string? practitioner, string? auditor, TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(role);
        return RoleNames.TryParse(role, out var parsed) ? Resolve(parsed, team, practitioner, auditor, directory) : role;
    }

    /// <summary>The person <paramref name="role"/> stands for where one is known, else the role's contract name.</summary>
    public static string Resolve(Role role, string? team, string? practitioner, string? auditor, TeamDirectory? directory)
    {
        var person = role switch
        {
            Role.Practitioner => practitioner,
            Role.Auditor => auditor,
            _ => directory?.PersonFor(role, team),
        };

        return string.IsNullOrWhiteSpace(person) ? role.ToContractName() : person.Trim();
    }
}
