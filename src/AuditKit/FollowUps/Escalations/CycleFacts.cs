using AuditKit.Templates;

namespace AuditKit.FollowUps.Escalations;

/// <summary>One team x criterion figure (or, with <see cref="Team"/> null, a criterion's figure across the service) of a period.</summary>
public sealed record PeriodFigure(string Period, string? Team, string Criterion, double? Compliance, Rag? Rag, int Applicable);

/// <summary>An open or in-progress action of the register, as escalations for an action read it.</summary>
/// <param name="Period">The action's period: its own for team and service actions, that of its audit's date for case actions.</param>
public sealed record OpenAction(
    string Id,
    ActionScope Scope,
    string? Team,
    string? CaseRef,
    string? Criterion,
    string Status,
    string Owner,
    string? EscalateTo,
    DateOnly Due,
    string Period,
    string RuleKey);

/// <summary>
/// A later audit of a case (same template and case reference) whose earlier audit raised a case action asking for a re-audit.
/// </summary>
/// <param name="ActionId">The earlier audit's case action.</param>
/// <param name="Outcome">The later audit's outcome on the action's criterion (<c>met</c>, <c>not_met</c>, ...), null when the
/// action is about the case's grade rather than one criterion.</param>
public sealed record Reaudit(
    string ActionId,
    string? Team,
    string CaseRef,
    string? Criterion,
    string EarlierAuditId,
    DateOnly EarlierDate,
    string? EarlierGrade,
    string AuditId,
    DateOnly Date,
    string? Grade,
    string? Outcome);

/// <summary>What the store holds around one period that its escalations read.</summary>
/// <param name="EarlierFigures">Figures of the periods before it (any order).</param>
/// <param name="OpenActions">The period's open and in-progress actions: its team and service actions and the case actions
/// of its audits (escalations themselves left out).</param>
/// <param name="Reaudits">Re-audits carried out in the period.</param>
public sealed record CycleHistory(IReadOnlyList<PeriodFigure> EarlierFigures, IReadOnlyList<OpenAction> OpenActions, IReadOnlyList<Reaudit> Reaudits)
{
    public static CycleHistory Empty { get; } = new([], [], []);
}
