namespace AuditKit.Templates;

/// <summary>Who owns a follow-up action.</summary>
public enum Role
{
    Practitioner,
    TeamManager,
    ServiceManager,
    HeadOfService,
    Auditor,
}

public static class RoleNames
{
    /// <summary>The contract spelling: practitioner, team_manager, service_manager, head_of_service, auditor.</summary>
    public static string ToContractName(this Role role) => role switch
    {
        Role.Practitioner => "practitioner",
        Role.TeamManager => "team_manager",
        Role.ServiceManager => "service_manager",
        Role.HeadOfService => "head_of_service",
        Role.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out Role role)
    {
        switch (text)
        {
            case "practitioner": role = Role.Practitioner; return true;
            case "team_manager": role = Role.TeamManager; return true;
            case "service_manager": role = Role.ServiceManager; return true;
            case "head_of_service": role = Role.HeadOfService; return true;
            case "auditor": role = Role.Auditor; return true;
            default: role = default; return false;
        }
    }

    public static IReadOnlyList<string> All { get; } = ["practitioner", "team_manager", "service_manager", "head_of_service", "auditor"];
}
