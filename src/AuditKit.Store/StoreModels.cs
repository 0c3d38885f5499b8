using System.Collections.Immutable;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>What the store keeps of a template: identity, scoring and its criteria in order.</summary>
public sealed record StoredTemplate(
    string Id,
    int Version,
    string SourceHash,
    string Title,
    double PartlyWeight,
    ImmutableArray<StoredCriterion> Criteria)
{
    public static StoredTemplate From(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new StoredTemplate(
            template.Id,
            template.Version,
            template.SourceHash,
            template.Title,
            template.Scoring.PartlyWeight,
            [.. template.Criteria.Select(c => new StoredCriterion(c.Id, c.Target, c.Critical, c.Standard))]);
    }
}

/// <param name="Standard">The criterion's <c>standard</c> (snake_case), or null.</param>
public sealed record StoredCriterion(string Id, double Target, bool Critical, string? Standard = null);

/// <summary>One evaluated audit. <paramref name="ContentHash"/> identifies its content; when null the store
/// computes one from the row (<see cref="CaseContentHash.Of"/>). Pass a hash of the raw answers and comments when
/// a corrected comment alone should count as a new revision.</summary>
public sealed record StoredCase(CaseRow Row, string? ContentHash = null);

/// <summary>What one run read and raised. <paramref name="Cases"/> and <paramref name="Actions"/> are enumerated once, inside the write.</summary>
/// <param name="Periods">
/// When given, the store is the record the team and service figures come from: after the cases are written, each period
/// that one of the run's audits falls in (or fell in, before its revision) is planned again from all current revisions
/// of that period, inside the same transaction, and <paramref name="Actions"/> should hold the case actions alone.
/// </param>
public sealed record StoredRun(
    StoredTemplate Template,
    DateOnly AsOf,
    IEnumerable<StoredCase> Cases,
    IEnumerable<FollowUpAction> Actions,
    PeriodPlanning? Periods = null)
{
    /// <summary>From a run report; its <see cref="RunReport.Cases"/> must be filled (its moderation audits are recorded too).</summary>
    public static StoredRun From(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new StoredRun(
            StoredTemplate.From(report.Template),
            report.AsOf,
            report.Cases.Concat(report.Moderation).Select(c => new StoredCase(c)),
            report.Actions.ToFollowUpActions());
    }

    /// <summary>
    /// From a run report, its periods planned again from the store by <paramref name="periods"/>: only its case actions
    /// are recorded as they are (its team and service actions rest on its own rows alone).
    /// </summary>
    public static StoredRun From(RunReport report, PeriodPlanning periods)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(periods);
        return new StoredRun(
            StoredTemplate.From(report.Template),
            report.AsOf,
            report.Cases.Concat(report.Moderation).Select(c => new StoredCase(c)),
            report.Actions.Cases.ToFollowUpActions(),
            periods);
    }
}

/// <summary>How a run's periods are planned again from the store (see <see cref="StoredRun"/>).</summary>
/// <param name="Length">Months or quarters (the template's <c>scoring.period</c>).</param>
/// <param name="Criteria">The criterion ids of the template planned with, in order: stored outcomes are read in this order
/// (an audit of an older version of the template without one of them reads as not applicable on it).</param>
/// <param name="Plan">The team, service and escalation actions one period's current audits call for, each carrying the
/// period, and the figures to keep for later periods.</param>
public sealed record PeriodPlanning(
    Compliance.PeriodLength Length,
    ImmutableArray<string> Criteria,
    Func<StoredPeriod, PeriodPlan> Plan)
{
    /// <summary>True when the plan reads <see cref="StoredPeriod.History"/> (the rule set has escalations): the store then
    /// reads earlier figures, the period's open actions and its re-audits, and keeps each period's figures.</summary>
    public bool ReadsHistory { get; init; }

    /// <summary>
    /// How <c>run</c>, <c>watch</c> and the web app's form plan the periods a report touches: each period's figures from
    /// its current audits in the store, then its team, service and escalation actions by <paramref name="rules"/>.
    /// </summary>
    public static PeriodPlanning ForRun(RunReport report, Evaluation.CompiledRuleSet rules, Calendar.IWorkingDayCalendar calendar, FollowUps.TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rules);
        var template = report.Template;
        return new PeriodPlanning(
            template.Scoring.Period,
            [.. template.Criteria.Select(c => c.Id)],
            period => FollowUps.FollowUpPlanner.PlanPeriod(rules, period.Period, period.Cases, period.History, report.AsOf, calendar, directory))
        {
            ReadsHistory = rules.HasEscalations,
        };
    }
}

/// <summary>One period's current revisions, as the store holds them, to plan from.</summary>
/// <param name="History">Earlier periods' figures, the period's open actions and its re-audits, when the planning reads them.</param>
public sealed record StoredPeriod(Compliance.ReportingPeriod Period, IReadOnlyList<CaseRow> Cases, FollowUps.Escalations.CycleHistory History);

/// <summary>What the store holds for a report of some periods (<see cref="IAuditStore.ReadReport"/>).</summary>
/// <param name="Cases">Current revisions, sorted by audit id.</param>
/// <param name="Actions">Their case actions, then the periods' team and service actions, as recorded.</param>
public sealed record StoredReport(IReadOnlyList<CaseRow> Cases, IReadOnlyList<FollowUpAction> Actions);

/// <summary>One template's part of a report across templates (<see cref="IAuditStore.ReadAcrossTemplates"/>).</summary>
/// <param name="Template">The template's latest recorded version, whose criteria (and their standards) the cases are read by.</param>
/// <param name="Cases">Current revisions dated in the periods, sorted by audit id, outcomes in the order of <c>Template.Criteria</c>.</param>
public sealed record StoredTemplateAudits(StoredTemplate Template, IReadOnlyList<CaseRow> Cases);

/// <summary>What planning one period again changed.</summary>
/// <param name="Audits">The period's current audits the figures come from.</param>
/// <param name="Planned">Team and service actions its figures call for.</param>
/// <param name="Superseded">Open actions of the period its figures no longer call for (now <c>superseded</c>).</param>
public sealed record PeriodResult(string Period, int Audits, int Planned, int Superseded)
{
    /// <summary>Escalations that could not be evaluated for the period (the rest were raised).</summary>
    public ImmutableArray<string> Failures { get; init; } = [];
}

/// <summary>What recording a run changed.</summary>
/// <param name="Added">Audits seen for the first time (revision 1).</param>
/// <param name="Revised">Audits whose content changed: a new current revision superseding the earlier one.</param>
/// <param name="Unchanged">Audits already stored with the same content.</param>
/// <param name="ActionsKeptClosed">Actions raised again that were already done or cancelled: left as they were.</param>
/// <param name="ActionsSuperseded">Open actions that a revision or a period's figures no longer call for, now <c>superseded</c>.</param>
/// <param name="Periods">The periods planned again, in order (default without <see cref="StoredRun.Periods"/>).</param>
/// <param name="PlannedActions">The team and service actions the periods planned again call for, as recorded (with ids,
/// owners and due dates as the store holds them).</param>
public sealed record StoreRunResult(
    int Cases,
    int Added,
    int Revised,
    int Unchanged,
    int ActionsAdded,
    int ActionsRefreshed,
    int ActionsUnchanged,
    int ActionsKeptClosed,
    int ActionsSuperseded = 0,
    ImmutableArray<PeriodResult> Periods = default,
    ImmutableArray<FollowUpAction> PlannedActions = default);

public enum ActionStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,

    /// <summary>The figures or the revision that raised it no longer call for it: set by AuditKit, never by hand.</summary>
    Superseded,
}

/// <summary>Which statuses a register listing shows. <see cref="Open"/> means not done and not cancelled.</summary>
public enum ActionStatusFilter
{
    Open,
    InProgress,
    Done,
    Cancelled,
    Superseded,
    All,
}

/// <summary>Progress RAG of an action on a date.</summary>
public enum ActionProgress
{
    OnTrack,

    /// <summary>It fell due after it was raised, and is past its due date and not done: late in being done.</summary>
    Overdue,
    Complete,
    Cancelled,
    Superseded,

    /// <summary>
    /// Its due date had passed before it was raised (a case action falls due so many working days after the audit, and
    /// the audit reached the store later), and it is not done: late in being raised, not in being done.
    /// </summary>
    RaisedLate,
}

public static class ActionStatusNames
{
    /// <summary>open, in_progress, done, cancelled, superseded.</summary>
    public static string ToContractName(this ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in_progress",
        ActionStatus.Done => "done",
        ActionStatus.Cancelled => "cancelled",
        ActionStatus.Superseded => "superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out ActionStatus status)
    {
        switch (text)
        {
            case "open": status = ActionStatus.Open; return true;
            case "in_progress": status = ActionStatus.InProgress; return true;
            case "done": status = ActionStatus.Done; return true;
            case "cancelled": status = ActionStatus.Cancelled; return true;
            case "superseded": status = ActionStatus.Superseded; return true;
            default: status = default; return false;
        }
    }

    /// <summary>open, in_progress, done, cancelled, superseded, all.</summary>
    public static bool TryParseFilter(string? text, out ActionStatusFilter filter)
    {
        switch (text)
        {
            case "open": filter = ActionStatusFilter.Open; return true;
            case "in_progress": filter = ActionStatusFilter.InProgress; return true;
            case "done": filter = ActionStatusFilter.Done; return true;
            case "cancelled": filter = ActionStatusFilter.Cancelled; return true;
            case "superseded": filter = ActionStatusFilter.Superseded; return true;
            case "all": filter = ActionStatusFilter.All; return true;
            default: filter = default; return false;
        }
    }

    /// <summary>Done or cancelled by someone: a later run raising the action again leaves it as it is.</summary>
    public static bool IsClosed(this ActionStatus status) => status is ActionStatus.Done or ActionStatus.Cancelled;

    /// <summary>Can be set with <c>actions update</c> (superseded is set by AuditKit alone).</summary>
    public static bool CanBeSetByHand(this ActionStatus status) => status != ActionStatus.Superseded;

    /// <summary>Complete, On track, Overdue, Raised late, Cancelled, Superseded.</summary>
    public static string ToDisplayName(this ActionProgress progress) => progress switch
    {
        ActionProgress.OnTrack => "On track",
        ActionProgress.Overdue => "Overdue",
        ActionProgress.RaisedLate => "Raised late",
        ActionProgress.Complete => "Complete",
        ActionProgress.Cancelled => "Cancelled",
        ActionProgress.Superseded => "Superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(progress), progress, null),
    };

    /// <summary>
    /// Done -> Complete; cancelled -> Cancelled; due before it was <paramref name="raised"/> -> Raised late; due before
    /// <paramref name="asOf"/> -> Overdue; else On track (<see cref="ActionDue.State"/>).
    /// </summary>
    public static ActionProgress Progress(ActionStatus status, DateOnly due, DateOnly raised, DateOnly asOf) => status switch
    {
        ActionStatus.Done => ActionProgress.Complete,
        ActionStatus.Cancelled => ActionProgress.Cancelled,
        ActionStatus.Superseded => ActionProgress.Superseded,
        _ => ActionDue.State(due, raised, asOf) switch
        {
            DueState.RaisedLate => ActionProgress.RaisedLate,
            DueState.Overdue => ActionProgress.Overdue,
            _ => ActionProgress.OnTrack,
        },
    };
}

/// <summary>A register query. Every condition given must hold.</summary>
/// <param name="Overdue">Only actions due before the as-of date that are not done or cancelled.</param>
/// <param name="Id">Only the action with this full id, as the store holds it.</param>
/// <param name="AuditId">Only the case actions of this audit.</param>
public sealed record ActionFilter(
    string? Team = null,
    ActionStatusFilter Status = ActionStatusFilter.Open,
    bool Overdue = false,
    string? TemplateId = null,
    string? Id = null,
    string? AuditId = null)
{
    public static ActionFilter Default { get; } = new();
}

/// <summary>One action in the register.</summary>
/// <param name="Created">The as-of date of the run that first raised it.</param>
/// <param name="Updated">The date of the last change (a refresh by a run or a status update).</param>
/// <param name="FollowedUp">For team actions on a criterion: "reached target in yyyy-MM", "not yet" or
/// "no later audits", judged from the team's compliance on that criterion in the months after the action was
/// created; null for other actions.</param>
/// <param name="AuditDate">For a case action, the date of the audit that raised it (its current revision); else null.</param>
public sealed record RegisterEntry(
    string Id,
    string TemplateId,
    ActionScope Scope,
    string? Team,
    string? CaseRef,
    string? Criterion,
    string Action,
    string Owner,
    DateOnly Due,
    string? EscalateTo,
    ActionStatus Status,
    DateOnly Created,
    DateOnly Updated,
    ActionProgress Progress,
    string? FollowedUp,
    double? Target,
    string? Period = null,
    string? AuditId = null,
    DateOnly? AuditDate = null)
{
    /// <summary>The rule that raised it (<c>standard-actions/escalations/red_three_periods</c>).</summary>
    public string RuleKey { get; init; } = string.Empty;

    /// <summary>For a case action whose rule asks for it: the working days after the audit within which the case is to be re-audited.</summary>
    public int? ReauditWithinWorkingDays { get; init; }

    /// <summary>For a case action: the first later audit of the same case and template, if there is one.</summary>
    public ReauditLink? Reaudit { get; init; }

    /// <summary>
    /// "re-audited on 2026-11-12 (QA-1): Good; the standard is now met", "re-audit due by 2026-12-01" or
    /// "re-audit overdue (due 2026-11-20)"; null when the action is not a case action or neither applies.
    /// </summary>
    public string? DescribeReaudit(Calendar.IWorkingDayCalendar calendar, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (Reaudit is { } link)
        {
            var grade = link.Grade is null ? string.Empty : $": {link.Grade}";
            var standard = link.Outcome switch
            {
                null => string.Empty,
                "met" => "; the standard is now met",
                "partly" => "; the standard is now partly met",
                "not_met" => "; the standard is still not met",
                "not_applicable" => "; the standard did not apply",
                _ => "; the standard was not answered",
            };
            return $"re-audited on {Calendar.IsoDate.Format(link.Date)} ({link.AuditId}){grade}{standard}";
        }

        if (ReauditWithinWorkingDays is { } days && AuditDate is { } audited && Status is not (ActionStatus.Superseded or ActionStatus.Cancelled))
        {
            var due = calendar.AddWorkingDays(audited, days);
            return due < asOf ? $"re-audit overdue (due {Calendar.IsoDate.Format(due)})" : $"re-audit due by {Calendar.IsoDate.Format(due)}";
        }

        return null;
    }
}

/// <summary>A later audit of a case, linked to the actions of its earlier audits.</summary>
/// <param name="Outcome">Its outcome (contract name) on the action's criterion; null for an action about the whole case.</param>
public sealed record ReauditLink(string AuditId, DateOnly Date, string? Grade, string? Outcome);

/// <summary>
/// One change to an action: <c>raised</c>, <c>refreshed</c> (a later run changed its text or owner), <c>status</c> (set by
/// someone), <c>superseded</c> (its note says why) or <c>raised again</c> (a superseded action called for again).
/// </summary>
public sealed record ActionHistoryEntry(
    DateOnly At,
    string Change,
    ActionStatus? From,
    ActionStatus To,
    string? Note,
    string? By);

public enum UpdateOutcome
{
    Updated,
    NotFound,
}

/// <summary>The result of <see cref="IAuditStore.UpdateAction"/>; <paramref name="Message"/> is set when not found.</summary>
public sealed record UpdateResult(
    string ActionId,
    UpdateOutcome Outcome,
    ActionStatus? Previous,
    ActionStatus? Current,
    string? Code,
    string? Message)
{
    public bool Success => Outcome == UpdateOutcome.Updated;
}
