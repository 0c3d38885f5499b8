using System.Collections.Immutable;
using AuditKit.Compliance;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>Everything one run produced; the input of every output writer (summary.json, workbook, HTML).</summary>
public sealed record RunReport
{
    public required AuditTemplate Template { get; init; }

    public required DateOnly AsOf { get; init; }

    public required SubmissionCounts Submissions { get; init; }

    public required ComplianceSummary Compliance { get; init; }

    /// <summary>Case, then team, then service actions; each sorted by due date, team, case and id.</summary>
    public required RunActions Actions { get; init; }

    /// <summary>Sorted by source and row.</summary>
    public required ImmutableArray<RejectedRow> Rejected { get; init; }

    public required DataQualityReport DataQuality { get; init; }

    /// <summary>One row per accepted audit, sorted by audit id; empty when the outputs do not need them.</summary>
    public ImmutableArray<CaseRow> Cases { get; init; } = [];

    /// <summary>Problems with whole sources that did not reject rows, such as a column no criterion or fact has.</summary>
    public ImmutableArray<Diagnostic> SourceDiagnostics { get; init; } = [];
}

public sealed record SubmissionCounts(int Read, int Accepted, int Rejected);

/// <summary>A compact record of one evaluated audit, for the Cases sheet and the history.</summary>
/// <param name="Outcomes">By template criterion position.</param>
public sealed record CaseRow(
    string AuditId,
    DateOnly AuditDate,
    string Auditor,
    string CaseRef,
    string CaseType,
    string Team,
    string? Service,
    string? Practitioner,
    string? AuditorGrade,
    string? Grade,
    double? Score,
    ImmutableArray<Outcome> Outcomes)
{
    /// <summary>The auditor's comment on each criterion (<c>&lt;criterion&gt;_comment</c>), by criterion position; empty when there are none.</summary>
    public ImmutableArray<string?> Comments { get; init; } = [];
}
