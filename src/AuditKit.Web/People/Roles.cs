namespace AuditKit.Web.People;

/// <summary>The roles of contract 5, by their contract names.</summary>
public static class Roles
{
    public const string Auditor = "auditor";
    public const string TeamManager = "team_manager";
    public const string ServiceManager = "service_manager";
    public const string HeadOfService = "head_of_service";
    public const string QaOfficer = "qa_officer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Auditor, TeamManager, ServiceManager, HeadOfService, QaOfficer, Admin];

    /// <summary>Roles scoped to one team (and, for an auditor, the audits they carried out).</summary>
    public static bool IsTeamScoped(string role) => role is Auditor or TeamManager;

    /// <summary>Roles that see every team.</summary>
    public static bool SeesEverything(string role) => role is HeadOfService or QaOfficer or Admin;

    /// <summary>"Team manager" for <c>team_manager</c>.</summary>
    public static string DisplayName(string role) => role switch
    {
        Auditor => "Auditor",
        TeamManager => "Team manager",
        ServiceManager => "Service manager",
        HeadOfService => "Head of service",
        QaOfficer => "QA officer",
        Admin => "Administrator",
        _ => role,
    };
}
