using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>A follow-up action with an owner and a due date.</summary>
/// <param name="Id">Stable: the same input gives the same id.</param>
/// <param name="Owner">The role's contract name, or a person's name resolved through a team directory.</param>
/// <param name="EscalateTo">A role's contract name or a resolved name, or null.</param>
/// <param name="RuleKey">The rule that raised it (e.g. <c>quality-of-practice/criteria/child_seen_alone</c>).</param>
/// <param name="CompliancePercent">For team and service actions: the compliance that triggered it (0..1), else null.</param>
/// <param name="Period">For team and service actions planned from one period's figures in the store (<c>2026-11</c>,
/// <c>2026-Q4</c>); null for case actions and for actions planned from the files of one run alone.</param>
public sealed record FollowUpAction(
    string Id,
    ActionScope Scope,
    string? Team,
    string? CaseRef,
    string? Criterion,
    string Text,
    string Owner,
    DateOnly Due,
    string? EscalateTo,
    string RuleKey,
    string? AuditId = null,
    double? CompliancePercent = null,
    double? Target = null,
    string? Period = null)
{
    /// <summary>For actions raised by escalations: the rules that fired and the values they read; else null.</summary>
    public string? Explanation { get; init; }

    /// <summary>For case actions whose rule asks for it: the working days after the audit within which the case is to be re-audited.</summary>
    public int? ReauditWithinWorkingDays { get; init; }
}
