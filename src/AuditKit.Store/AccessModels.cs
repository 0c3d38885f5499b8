namespace AuditKit.Store;

/// <summary>
/// One entry of the access log: who did what to which object, when. Only ids and the case reference are kept, never
/// other case-file values (an action's note, a comment, a finding).
/// </summary>
/// <param name="At">When (UTC).</param>
/// <param name="Person">The email address of the signed-in person; for a failed sign-in the address given; for the command line <c>command line (USER)</c>.</param>
/// <param name="Event">What was done: one of <see cref="AccessEvents"/>.</param>
/// <param name="ObjectKind">The kind of object: one of <see cref="AccessObjects"/>, or null (a sign-in).</param>
/// <param name="ObjectId">Its id: the audit id, team, action id, report, email address or token id.</param>
/// <param name="CaseRef">The case reference when the object is about one case (an audit, a case action).</param>
/// <param name="Detail">What changed or was downloaded, in words (a new status, a file name), never a note's text.</param>
/// <param name="Via">How: <c>web</c>, <c>api</c> (signed in by cookie), <c>api token ID</c>, <c>command line</c>.</param>
public sealed record AccessEntry(
    DateTimeOffset At,
    string Person,
    string Event,
    string? ObjectKind,
    string? ObjectId,
    string? CaseRef,
    string? Detail,
    string Via);

/// <summary>The contract names of what an access log entry records.</summary>
public static class AccessEvents
{
    public const string View = "view";
    public const string Download = "download";
    public const string Change = "change";
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string SignOut = "sign_out";
}

/// <summary>The contract names of the kinds of object an access log entry is about.</summary>
public static class AccessObjects
{
    public const string Home = "home";
    public const string Audit = "audit";
    public const string Team = "team";
    public const string Action = "action";
    public const string ActionRegister = "action_register";
    public const string Report = "report";
    public const string User = "user";
    public const string Token = "token";
}

/// <summary>Which access log entries to list: each given part must match (person and case ignoring case); dates are UTC days, inclusive.</summary>
public sealed record AccessFilter(string? Person = null, string? CaseRef = null, DateOnly? From = null, DateOnly? To = null, int? Limit = null);

/// <summary>
/// An API token: its id (shown, used to revoke it), its person, its name, and the SHA-256 hash of the token (the token
/// itself is shown once and kept nowhere).
/// </summary>
/// <param name="Expires">The last day (UTC) it works on; null for no end.</param>
/// <param name="Revoked">When it was revoked (UTC); null while it works.</param>
public sealed record StoredToken(
    string Id,
    string Email,
    string Name,
    string Hash,
    DateTimeOffset Created,
    DateOnly? Expires,
    DateTimeOffset? Revoked);

/// <summary>The access log and the API tokens of the web app.</summary>
public interface IAccessStore
{
    /// <summary>Writes one entry at once (one insert, committed before the call returns).</summary>
    void RecordAccess(AccessEntry entry);

    /// <summary>The entries the filter matches, newest first.</summary>
    IReadOnlyList<AccessEntry> ListAccess(AccessFilter filter);

    void AddToken(StoredToken token);

    /// <summary>The token with this hash (revoked and expired ones too), or null.</summary>
    StoredToken? FindToken(string hash);

    /// <summary>Every token, newest first.</summary>
    IReadOnlyList<StoredToken> ListTokens();

    /// <summary>Revokes a token; false when there is none with this id or it was already revoked.</summary>
    bool RevokeToken(string id, DateTimeOffset at);
}
