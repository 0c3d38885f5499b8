using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>
/// A rule that raises case actions, as compiled: a criterion's <c>action</c> or a <c>case_actions</c> row. It holds
/// what every action it raises shares; the follow-up planner gives each its id, owners and text.
/// </summary>
public sealed class CaseActionRule
{
    internal CaseActionRule(string ruleKey, string? criterion, Role owner, Role? escalateTo, double? target, ActionTextParts text)
    {
        RuleKey = ruleKey;
        Criterion = criterion;
        Owner = owner;
        EscalateTo = escalateTo;
        Target = target;
        Text = text;
    }

    public string RuleKey { get; }

    /// <summary>The criterion id, or null for a <c>case_actions</c> row.</summary>
    public string? Criterion { get; }

    public Role Owner { get; }

    public Role? EscalateTo { get; }

    /// <summary>The criterion's target, or null for a <c>case_actions</c> row.</summary>
    public double? Target { get; }

    /// <summary>The text with every placeholder filled but <c>{team}</c> and <c>{case_ref}</c>.</summary>
    internal ActionTextParts Text { get; }

    /// <summary>The working days after the audit within which the case is to be audited again, or null.</summary>
    public int? ReauditWithinWorkingDays { get; init; }
}

/// <summary>A case action rule that held for one submission, and when its action falls due.</summary>
public readonly record struct RaisedCaseAction(CaseActionRule Rule, DateOnly Due);
