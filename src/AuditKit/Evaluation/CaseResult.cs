using System.Collections.Immutable;
using AuditKit.Expressions;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>
/// What one submission came to: an outcome per criterion (by position), the score, the grade, and
/// the case follow-up actions. Explanations are built on demand with <see cref="CompiledRuleSet.Explain"/>.
/// </summary>
public sealed record CaseResult
{
    public required Submission Submission { get; init; }

    /// <summary><c>Outcomes[i]</c> is the outcome of the template's <c>Criteria[i]</c>.</summary>
    public required ImmutableArray<Outcome> Outcomes { get; init; }

    public required OutcomeCounts Counts { get; init; }

    /// <summary>(met + partly_weight x partly) / (met + partly + not_met), or null when that denominator is 0.</summary>
    public double? Score { get; init; }

    public int CriticalNotMet { get; init; }

    /// <summary>The first grading row that matched, or null when none did.</summary>
    public string? Grade { get; init; }

    /// <summary>
    /// The case action rules that held, with due dates (criterion actions, then <c>case_actions</c>), on every path; the
    /// follow-up planner turns them into actions with ids, owners and texts.
    /// </summary>
    public required ImmutableArray<RaisedCaseAction> Actions { get; init; }

    /// <summary>Rule failures on this case (a rule that could not be evaluated): rule key and reason. The run goes on.</summary>
    public ImmutableArray<string> Failures { get; init; } = [];
}

/// <summary>Why a criterion has its outcome: the expression, the values it read, and what it came to.</summary>
/// <param name="Expression">The deciding expression, or null when the answer decided alone.</param>
/// <param name="Read">The names read and their values (blank ones as "blank").</param>
/// <param name="Result">The result in words, e.g. "true", "false", "missing".</param>
/// <param name="BlankFields">The blank fields the result depends on, when it is missing.</param>
public sealed record Explanation(
    string? Expression,
    ImmutableArray<KeyValuePair<string, Value>> Read,
    string Result,
    ImmutableArray<string> BlankFields)
{
    /// <summary>The counts of days the deciding rules worked out, in the order worked out (for plain-words feedback).</summary>
    public ImmutableArray<DayCount> DayCounts { get; init; } = [];

    /// <summary>One line, for reports: <c>answer = 'Yes' [answer='No'] -> false</c>.</summary>
    public override string ToString()
    {
        var read = string.Join(", ", Read.Select(r => $"{r.Key}={r.Value}"));
        var expression = Expression ?? "answer";
        var blanks = BlankFields.IsDefaultOrEmpty ? string.Empty : $" (blank: {string.Join(", ", BlankFields)})";
        return $"{expression} [{read}] -> {Result}{blanks}";
    }
}

/// <summary>An outcome with its explanation.</summary>
public sealed record Finding(string CriterionId, Outcome Outcome, Explanation Explanation);
