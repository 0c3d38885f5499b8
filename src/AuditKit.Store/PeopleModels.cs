namespace AuditKit.Store;

/// <summary>A person who signs in to the web app.</summary>
/// <param name="Email">Lower case; the sign-in name.</param>
/// <param name="Role">The contract name of the role (<c>team_manager</c>, ...).</param>
/// <param name="Team">The team a team manager or auditor is scoped to.</param>
/// <param name="Service">The service a service manager is scoped to.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's password hash.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last successful one.</param>
/// <param name="LockedUntil">When a lockout after repeated failures ends (UTC); null when not locked.</param>
public sealed record StoredUser(
    string Email,
    string Name,
    string Role,
    string? Team,
    string? Service,
    string PasswordHash,
    bool Disabled,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateOnly Created);

/// <summary>One audit's current revision with what it was audited on.</summary>
/// <param name="Criteria">The criterion ids of the template version it was recorded with, in order; <see cref="Reporting.CaseRow.Outcomes"/> and <see cref="Comments"/> follow them.</param>
public sealed record StoredAudit(string TemplateId, Reporting.CaseRow Row, IReadOnlyList<string> Criteria, IReadOnlyList<string?> Comments);

/// <summary>A team and the service its audits name (null when they name none).</summary>
public sealed record TeamService(string Team, string? Service);

/// <summary>The web app's people, its data protection keys, and what its pages read that the command line does not.</summary>
public interface IPeopleStore
{
    /// <summary>Adds a person; false when one with that email is already there.</summary>
    bool AddUser(StoredUser user);

    /// <summary>The person with this email (compared in lower case), or null.</summary>
    StoredUser? FindUser(string email);

    /// <summary>Everyone, sorted by email.</summary>
    IReadOnlyList<StoredUser> ListUsers();

    /// <summary>Disables a person (they can no longer sign in); false for an unknown email.</summary>
    bool DisableUser(string email);

    /// <summary>Records the outcome of a sign-in: the failures counted and the end of a lockout.</summary>
    void RecordSignIn(string email, int failedSignIns, DateTimeOffset? lockedUntil);

    /// <summary>Every data protection key as its XML, by name.</summary>
    IReadOnlyList<KeyValuePair<string, string>> DataProtectionKeys();

    /// <summary>Stores a data protection key (a key of the same name is replaced).</summary>
    void StoreDataProtectionKey(string name, string xml);

    /// <summary>The current revision of the audit with this id (of any template; the first template by id when several), or null.</summary>
    StoredAudit? ReadAudit(string auditId);

    /// <summary>Every team in the current audits with the service they name, sorted by team.</summary>
    IReadOnlyList<TeamService> TeamServices();
}
