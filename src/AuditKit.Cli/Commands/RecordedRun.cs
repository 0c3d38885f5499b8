using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Store;
using AuditKit.Submissions;

namespace AuditKit.Cli.Commands;

/// <summary>
/// The step that <c>run</c> and <c>watch</c> share: evaluate the files given (the rows no reader could read listed as
/// rejected, first), then record the report into the store.
/// </summary>
internal static class RecordedRun
{
    public static RunReport Evaluate(
        CliContext context,
        CompiledRuleSet rules,
        SubmissionFiles files,
        DateOnly asOf,
        IWorkingDayCalendar calendar,
        TeamDirectory? directory,
        bool collectCases,
        KnownTeams? knownTeams,
        Action<CaseResult>? onCase = null,
        KnownAudits? knownAudits = null)
    {
        var options = new RunOptions(
            asOf, calendar, CollectCases: collectCases, Directory: directory, ReadAhead: context.Environment.ReadAhead, KnownTeams: knownTeams,
            KnownAudits: knownAudits);
        var report = AuditRunner.Run(rules, files.ReadAll(), options, onCase);
        return report with { Rejected = [.. files.Unreadable, .. report.Rejected] };
    }

    /// <summary>
    /// The team names already in the store, so that a team spelt another way only in case or spacing is matched to the
    /// store's spelling instead of starting a new team. Null without a store, or when it does not exist yet; a store
    /// that cannot be opened is left for the recording step to report.
    /// </summary>
    public static KnownTeams? KnownTeams(StoreChoice? store)
    {
        if (store is null || (store.Path is not null && !File.Exists(store.Path)))
        {
            return null;
        }

        try
        {
            using var opened = store.Open();
            return new KnownTeams($"the store {store.DisplayName}", opened.TeamNames());
        }
        catch (StoreException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the store holds that moderation audits are checked against (its moderation audits of the template, and a look-up
    /// of first audits by id, which opens the store again only when a moderation audit's first audit is not in the files).
    /// Null without a store, or when it does not exist yet; a store that cannot be opened is left for the recording step.
    /// </summary>
    public static KnownAudits? KnownAudits(StoreChoice? store, string templateId)
    {
        if (store is null || (store.Path is not null && !File.Exists(store.Path)))
        {
            return null;
        }

        try
        {
            using var opened = store.Open();
            var where = $"the store {store.DisplayName}";
            return new KnownAudits(where, opened.ModerationIds(templateId), ids =>
            {
                try
                {
                    using var again = store.Open();
                    return again.FindAudits(ids);
                }
                catch (StoreException)
                {
                    // Left for the recording step to report; meanwhile nothing is known of the store's audits.
                    return [];
                }
            });
        }
        catch (StoreException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records <paramref name="report"/> (whose cases must have been collected) in one transaction: its audits and case
    /// actions, then the team and service actions of every period it touched, planned again from all of that period's
    /// current audits in the store (never from this run's rows alone).
    /// </summary>
    public static StoreRunResult Record(StoreChoice store, RunReport report, CompiledRuleSet rules, IWorkingDayCalendar calendar, TeamDirectory? directory)
    {
        using var opened = store.Open();
        return opened.RecordRun(StoredRun.From(report, Planning(report, rules, calendar, directory)));
    }

    /// <summary>How the periods a run touches are planned again: each period's figures, then its team and service actions.</summary>
    internal static PeriodPlanning Planning(RunReport report, CompiledRuleSet rules, IWorkingDayCalendar calendar, TeamDirectory? directory) =>
        PeriodPlanning.ForRun(report, rules, calendar, directory);

    /// <summary>
    /// The report as the store left it: the run's case actions, with the team and service actions of the periods it
    /// touched as recorded in place of those its files alone would call for.
    /// </summary>
    public static RunReport WithRecordedActions(RunReport report, StoreRunResult recorded) =>
        report with { Actions = new RunActions(report.Actions.Cases, recorded.PlannedActions.IsDefault ? [] : recorded.PlannedActions) };
}
