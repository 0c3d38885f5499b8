using AuditKit.Compliance.Trends;
using AuditKit.FollowUps;

namespace AuditKit.Store;

/// <summary>
/// The history of audit runs: templates, every revision of every submission with its outcomes, and the action
/// register. One instance holds one connection and is not thread-safe; several instances (or processes) may use
/// one store at once.
/// </summary>
public interface IAuditStore : IDisposable
{
    /// <summary>Records a run in one transaction: all of it or, on any failure, none of it.</summary>
    StoreRunResult RecordRun(StoredRun run);

    /// <summary>The action register, sorted by due date, team, case ref and id.</summary>
    IReadOnlyList<RegisterEntry> ListActions(ActionFilter filter, DateOnly asOf);

    /// <summary>Sets an action's status and writes a history row. An unknown id gives <see cref="UpdateOutcome.NotFound"/>.</summary>
    UpdateResult UpdateAction(string actionId, ActionStatus status, string? note, string? by, DateOnly at);

    /// <summary>
    /// The full ids of the actions whose ids (or ids before schema 3) start with <paramref name="prefix"/> (lower case),
    /// sorted, at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<string> FindActionIds(string prefix, int limit);

    /// <summary>How the store's action ids are shown: each by the shortest start no other id of the store shares (at least 12 digits).</summary>
    ActionIdPrefixes ActionIdPrefixes();

    /// <summary>Every change to an action, oldest first; empty for an unknown id.</summary>
    IReadOnlyList<ActionHistoryEntry> ActionHistory(string actionId);

    /// <summary>Monthly compliance p-charts from the current revisions of the template's submissions.</summary>
    TrendReport Trend(string templateId, string? team = null, string? criterion = null);

    /// <summary>
    /// What a report of the periods <paramref name="from"/> to <paramref name="to"/> (of one length) is made from: the
    /// current revisions of the template's audits dated in them (of one team when given), outcomes in the order of
    /// <paramref name="criteria"/>; the case actions of those audits; and the team and service actions planned for those
    /// periods (of that team, and the service's, when a team is given). Superseded actions are left out.
    /// </summary>
    StoredReport ReadReport(string templateId, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, IReadOnlyList<string> criteria, string? team = null);

    /// <summary>
    /// What a report across templates of the periods <paramref name="from"/> to <paramref name="to"/> is made from, read as one
    /// moment of the store: for each of <paramref name="templateIds"/> that the store holds (in the order given), its latest
    /// recorded version (criteria with their standards) and its current revisions dated in the periods (of one team when
    /// given), their outcomes in the order of that version's criteria.
    /// </summary>
    IReadOnlyList<StoredTemplateAudits> ReadAcrossTemplates(
        IReadOnlyList<string> templateIds, Compliance.ReportingPeriod from, Compliance.ReportingPeriod to, string? team = null);

    /// <summary>
    /// The template's moderation pairs: each current moderation audit with the current first audit it moderates, that
    /// first audit dated in the periods <paramref name="from"/> to <paramref name="to"/> (every period when null), outcomes
    /// in the order of <paramref name="criteria"/>; sorted by the first audit's id, then the moderation audit's.
    /// </summary>
    IReadOnlyList<Moderation.ModerationPair> ReadModeration(
        string templateId, Compliance.ReportingPeriod? from, Compliance.ReportingPeriod? to, IReadOnlyList<string> criteria);

    /// <summary>The ids of the template's current moderation audits (compared ignoring case).</summary>
    IReadOnlySet<string> ModerationIds(string templateId);

    /// <summary>The current revisions of any template with these audit ids, as moderation audits are checked against.</summary>
    IReadOnlyList<Submissions.KnownAudit> FindAudits(IReadOnlyCollection<string> auditIds);

    /// <summary>The ids of the templates with recorded audits, sorted.</summary>
    IReadOnlyList<string> TemplateIds();

    /// <summary>Every spelling of a team name in the store's audits (of any template), the first recorded first.</summary>
    IReadOnlyList<string> TeamNames();

    /// <summary>Records a drawn sample in one transaction; false when a sample with its id is already recorded.</summary>
    bool RecordSample(StoredSample sample);

    /// <summary>The samples drawn on <paramref name="from"/> to <paramref name="to"/> (of that template when given), oldest first.</summary>
    IReadOnlyList<StoredSample> Samples(DateOnly from, DateOnly to, string? templateId = null);

    /// <summary>
    /// The current audits dated <paramref name="from"/> to <paramref name="to"/> (of that template when given), sorted by
    /// date, template and audit id.
    /// </summary>
    IReadOnlyList<AuditedCase> AuditedCases(DateOnly from, DateOnly to, string? templateId = null);

    /// <summary>The schema version of the open store.</summary>
    int SchemaVersion { get; }
}
