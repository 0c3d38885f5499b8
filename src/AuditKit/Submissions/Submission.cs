using System.Collections.Immutable;
using AuditKit.Expressions;

namespace AuditKit.Submissions;

/// <summary>Where a row came from: the file name as given and the 1-based row number (the header is row 1).</summary>
public readonly record struct RowRef(string Source, int Row)
{
    public override string ToString() => $"{Source}:{Row}";
}

/// <summary>
/// One completed case file audit that passed validation against a template. Answers, comments and
/// facts are held by position: <c>Answers[i]</c> belongs to the template's <c>Criteria[i]</c>,
/// <c>Facts[j]</c> to its <c>Facts[j]</c>.
/// </summary>
public sealed record Submission
{
    public required string AuditId { get; init; }

    public required DateOnly AuditDate { get; init; }

    public required string Auditor { get; init; }

    public required string CaseRef { get; init; }

    public required string CaseType { get; init; }

    public required string Team { get; init; }

    public string? Service { get; init; }

    public string? Practitioner { get; init; }

    /// <summary>The auditor's own overall judgement, if given.</summary>
    public string? OverallGrade { get; init; }

    /// <summary>
    /// For a moderation audit (a second, independent audit of the same case by another auditor), the <c>audit_id</c> of the
    /// first audit it moderates; null for a first audit. A moderation audit is kept beside the first audit and counts in no
    /// figure.
    /// </summary>
    public string? Moderates { get; init; }

    /// <summary>Normalised answers: "Yes", "Partly", "No", "N/A", or null when blank.</summary>
    public required ImmutableArray<string?> Answers { get; init; }

    public required ImmutableArray<string?> Comments { get; init; }

    public required ImmutableArray<Value> Facts { get; init; }

    public required RowRef Source { get; init; }
}

/// <summary>A row that failed validation, with every reason.</summary>
/// <param name="Team">The team the row names, as it would have been counted, when it could be read; for team packs.</param>
public sealed record RejectedRow(string Source, int Row, string? AuditId, ImmutableArray<string> Reasons, string? Team = null);
