using System.Data.Common;
using AuditKit.Compliance.Trends;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;

namespace AuditKit.Store;

/// <summary>
/// A store whose every call turns a database failure (a damaged page met while reading, a lock, a full disk) into a
/// <see cref="StoreException"/> that names the store and the cause in words, so that no command ever shows a raw
/// database exception. Values of the wrong type read back from the store are damage too.
/// </summary>
internal sealed class GuardedAuditStore(SqlAuditStore inner, SqlDialect dialect) : IAuditStore, IPeopleStore, IAccessStore
{
    /// <summary>The store itself (for tests that reach inside it).</summary>
    internal SqlAuditStore Inner => inner;

    public int SchemaVersion => inner.SchemaVersion;

    public StoreRunResult RecordRun(StoredRun run) => Guard(() => inner.RecordRun(run));

    public IReadOnlyList<RegisterEntry> ListActions(ActionFilter filter, DateOnly asOf) => Guard(() => inner.ListActions(filter, asOf));

    public UpdateResult UpdateAction(string actionId, ActionStatus status, string? note, string? by, DateOnly at) =>
        Guard(() => inner.UpdateAction(actionId, status, note, by, at));

    public IReadOnlyList<string> FindActionIds(string prefix, int limit) => Guard(() => inner.FindActionIds(prefix, limit));

    public ActionIdPrefixes ActionIdPrefixes() => Guard(inner.ActionIdPrefixes);

    public IReadOnlyList<ActionHistoryEntry> ActionHistory(string actionId) => Guard(() => inner.ActionHistory(actionId));

    public TrendReport Trend(string templateId, string? team = null, string? criterion = null) => Guard(() => inner.Trend(templateId, team, criterion));

    public StoredReport ReadReport(string templateId, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, IReadOnlyList<string> criteria, string? team = null) =>
        Guard(() => inner.ReadReport(templateId, from, to, criteria, team));

    public IReadOnlyList<StoredTemplateAudits> ReadAcrossTemplates(
        IReadOnlyList<string> templateIds, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, string? team = null) =>
        Guard(() => inner.ReadAcrossTemplates(templateIds, from, to, team));

    public IReadOnlyList<Moderation.ModerationPair> ReadModeration(
        string templateId, Compliance.ReportingPeriod? from, Compliance.ReportingPeriod? to, IReadOnlyList<string> criteria) =>
        Guard(() => inner.ReadModeration(templateId, from, to, criteria));

    public IReadOnlySet<string> ModerationIds(string templateId) => Guard(() => inner.ModerationIds(templateId));

    public IReadOnlyList<Submissions.KnownAudit> FindAudits(IReadOnlyCollection<string> auditIds) => Guard(() => inner.FindAudits(auditIds));

    public IReadOnlyList<string> TemplateIds() => Guard(inner.TemplateIds);

    public IReadOnlyList<string> TeamNames() => Guard(inner.TeamNames);

    public bool RecordSample(StoredSample sample) => Guard(() => inner.RecordSample(sample));

    public IReadOnlyList<StoredSample> Samples(DateOnly from, DateOnly to, string? templateId = null) => Guard(() => inner.Samples(from, to, templateId));

    public IReadOnlyList<AuditedCase> AuditedCases(DateOnly from, DateOnly to, string? templateId = null) => Guard(() => inner.AuditedCases(from, to, templateId));

    public bool AddUser(StoredUser user) => Guard(() => inner.AddUser(user));

    public StoredUser? FindUser(string email) => Guard(() => inner.FindUser(email));

    public IReadOnlyList<StoredUser> ListUsers() => Guard(inner.ListUsers);

    public bool DisableUser(string email) => Guard(() => inner.DisableUser(email));

    public void RecordSignIn(string email, int failedSignIns, DateTimeOffset? lockedUntil) =>
        Guard(() =>
        {
            inner.RecordSignIn(email, failedSignIns, lockedUntil);
            return 0;
        });

    public IReadOnlyList<KeyValuePair<string, string>> DataProtectionKeys() => Guard(inner.DataProtectionKeys);

    public void StoreDataProtectionKey(string name, string xml) =>
        Guard(() =>
        {
            inner.StoreDataProtectionKey(name, xml);
            return 0;
        });

    public StoredAudit? ReadAudit(string auditId) => Guard(() => inner.ReadAudit(auditId));

    public IReadOnlyList<TeamService> TeamServices() => Guard(inner.TeamServices);

    public void RecordAccess(AccessEntry entry) =>
        Guard(() =>
        {
            inner.RecordAccess(entry);
            return 0;
        });

    public IReadOnlyList<AccessEntry> ListAccess(AccessFilter filter) => Guard(() => inner.ListAccess(filter));

    public void AddToken(StoredToken token) =>
        Guard(() =>
        {
            inner.AddToken(token);
            return 0;
        });

    public StoredToken? FindToken(string hash) => Guard(() => inner.FindToken(hash));

    public IReadOnlyList<StoredToken> ListTokens() => Guard(inner.ListTokens);

    public bool RevokeToken(string id, DateTimeOffset at) => Guard(() => inner.RevokeToken(id, at));

    public void Dispose() => inner.Dispose();

    private T Guard<T>(Func<T> use)
    {
        try
        {
            return use();
        }
        catch (DbException exception) when (dialect.Translate(exception) is { } translated)
        {
            throw translated;
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException or System.Text.Json.JsonException)
        {
            throw new StoreException(Messages.StoreDamagedCode, Messages.StoreDamaged(dialect.StoreName), exception);
        }
    }
}
