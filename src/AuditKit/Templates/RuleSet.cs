using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Expressions;

namespace AuditKit.Templates;

/// <summary>A shared rule set file: grading and follow-up action rules used by several templates.</summary>
public sealed record RuleSet
{
    public required string Id { get; init; }

    public required RuleBook Rules { get; init; }

    public required string SourcePath { get; init; }

    /// <summary>The file's text, for the template hash.</summary>
    public required string SourceText { get; init; }

    public SourceLocation Location { get; init; }
}

/// <summary>Grading rows and the three kinds of action rule, in order, and the grade scale when the file declares one.</summary>
public sealed record RuleBook(
    ImmutableArray<GradingRule> Grading,
    ImmutableArray<ActionRule> CaseActions,
    ImmutableArray<ActionRule> TeamActions,
    ImmutableArray<ActionRule> ServiceActions)
{
    public static RuleBook Empty { get; } = new([], [], [], []);

    /// <summary>The <c>grades:</c> list, best first (an extension of template format v1); empty when not given. See <see cref="GradeScale"/>.</summary>
    public ImmutableArray<string> Grades { get; init; } = [];

    /// <summary>The <c>escalations:</c> list (see <see cref="EscalationRule"/>); empty when not given.</summary>
    public ImmutableArray<EscalationRule> Escalations { get; init; } = [];

    /// <summary>The books' rules one after another; the grade scale of the first book that declares one.</summary>
    public static RuleBook Concat(IEnumerable<RuleBook> books)
    {
        ArgumentNullException.ThrowIfNull(books);
        var list = books.ToList();
        return new RuleBook(
            [.. list.SelectMany(b => b.Grading)],
            [.. list.SelectMany(b => b.CaseActions)],
            [.. list.SelectMany(b => b.TeamActions)],
            [.. list.SelectMany(b => b.ServiceActions)])
        {
            Grades = list.FirstOrDefault(b => !b.Grades.IsEmpty)?.Grades ?? [],
            Escalations = [.. list.SelectMany(b => b.Escalations)],
        };
    }
}

/// <summary>One grading row: the first whose <c>when</c> holds gives the case its grade.</summary>
/// <param name="Origin">The template or rule set id the row came from.</param>
public sealed record GradingRule(string Grade, ExpressionSource When, string Origin, SourceLocation Location);

public enum ActionScope
{
    Case,
    Team,
    Service,
}

/// <summary>The names of <see cref="ActionScope"/> in outputs and the store: <c>case</c>, <c>team</c>, <c>service</c>.</summary>
public static class ActionScopes
{
    public static string Name(ActionScope scope) => scope switch
    {
        ActionScope.Case => "case",
        ActionScope.Team => "team",
        ActionScope.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static bool TryParse(string? name, out ActionScope scope)
    {
        switch (name)
        {
            case "case": scope = ActionScope.Case; return true;
            case "team": scope = ActionScope.Team; return true;
            case "service": scope = ActionScope.Service; return true;
            default: scope = default; return false;
        }
    }
}

/// <summary>A rule that raises a follow-up action when <c>when</c> holds.</summary>
/// <param name="Key">A stable key for action ids: origin, scope and position, e.g. <c>ofsted-grading/case_actions/0</c>.</param>
public sealed record ActionRule(
    ActionScope Scope,
    ExpressionSource When,
    string Text,
    Role Owner,
    int DueInWorkingDays,
    Role? EscalateTo,
    string Origin,
    string Key,
    SourceLocation Location)
{
    /// <summary>For case actions: the working days after the audit within which the case is to be audited again; else null.</summary>
    public int? ReauditWithinWorkingDays { get; init; }
}
