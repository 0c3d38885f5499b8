using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Expressions;

namespace AuditKit.Templates;

/// <summary>One thing an auditor judges on a case file, such as "the child was seen alone".</summary>
public sealed record CriterionDefinition
{
    public required string Id { get; init; }

    public required string Section { get; init; }

    public required string Text { get; init; }

    public string? Guidance { get; init; }

    public bool Critical { get; init; }

    /// <summary>Target compliance, 0..1.</summary>
    public required double Target { get; init; }

    /// <summary>A blank answer rejects the submission.</summary>
    public bool Required { get; init; } = true;

    public ExpressionSource? AppliesWhen { get; init; }

    public ExpressionSource? MetWhen { get; init; }

    public ExpressionSource? PartlyWhen { get; init; }

    public CriterionAction? Action { get; init; }

    /// <summary>
    /// The standard this criterion measures (snake_case, such as <c>seen_alone</c>), shared with criteria of other templates
    /// that measure the same thing, so that a report across templates rolls them up; null when it has none.
    /// </summary>
    public string? Standard { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>
    /// True when the auditor does not answer this criterion: its outcome is computed from facts
    /// (it has <c>met_when</c> and the expressions do not read <c>answer</c>). Set by the compiler's view; the loader
    /// leaves it false.
    /// </summary>
    public bool IsComputed { get; init; }
}

/// <summary>A case follow-up raised when a criterion has one of the given outcomes.</summary>
public sealed record CriterionAction
{
    public required ImmutableArray<Outcome> On { get; init; }

    public required string Text { get; init; }

    public required Role Owner { get; init; }

    public required int DueInWorkingDays { get; init; }

    public SourceLocation Location { get; init; }
}
