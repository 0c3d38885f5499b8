using AuditKit.Diagnostics;
using AuditKit.Expressions;

namespace AuditKit.Templates;

/// <summary>What an escalation rule looks at (its <c>for:</c>), or, with <c>after:</c>, another escalation that fired.</summary>
public enum EscalationSubject
{
    /// <summary>A team x criterion figure of the period, with the team's earlier periods.</summary>
    Team,

    /// <summary>A criterion's figure across the service for the period, with earlier periods.</summary>
    Service,

    /// <summary>An open action of the register, with how far past its due date it is.</summary>
    Action,

    /// <summary>A later audit of a case whose earlier audit raised an action that asked for a re-audit.</summary>
    Reaudit,

    /// <summary>An escalation raised by the rule named in <c>after</c> (a chain: the same names as the chain's first rule).</summary>
    Escalation,
}

/// <summary>
/// One rule of a rule set's <c>escalations:</c> list: when <see cref="When"/> holds for its subject, a follow-up action is
/// raised for <see cref="Owner"/>. Escalations join facts across the cycle (this period's figures with earlier ones, the
/// register, re-audits); they run on a rules engine and only ever add actions.
/// </summary>
/// <param name="Id">Unique across the effective rule book; the key of the actions it raises.</param>
/// <param name="After">For <see cref="EscalationSubject.Escalation"/>: the id of the escalation this one follows.</param>
/// <param name="Owner">A role, or null for the subject action's <c>escalate_to</c> (written <c>owner: escalate_to</c>).</param>
public sealed record EscalationRule(
    string Id,
    EscalationSubject For,
    string? After,
    ExpressionSource When,
    string Text,
    Role? Owner,
    int DueInWorkingDays,
    string Origin,
    SourceLocation Location,
    SourceLocation AfterAt,
    SourceLocation OwnerAt)
{
    /// <summary>The spelling in <c>for:</c>.</summary>
    public static IReadOnlyList<string> SubjectNames { get; } = ["team", "service", "action", "reaudit"];

    /// <summary>The rule key of the actions it raises: <c>origin/escalations/id</c>.</summary>
    public string Key => $"{Origin}/escalations/{Id}";

    public static bool TryParseSubject(string? text, out EscalationSubject subject)
    {
        switch (text)
        {
            case "team": subject = EscalationSubject.Team; return true;
            case "service": subject = EscalationSubject.Service; return true;
            case "action": subject = EscalationSubject.Action; return true;
            case "reaudit": subject = EscalationSubject.Reaudit; return true;
            default: subject = default; return false;
        }
    }
}
