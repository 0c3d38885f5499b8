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

    /// <summary>For a report made from the store: the periods it covers; null for a run's files.</summary>
    public ReportPeriods? Period { get; init; }
}

/// <summary>The periods a report from the store covers, first and last (the same for one period).</summary>
public sealed record ReportPeriods(ReportingPeriod From, ReportingPeriod To)
{
    /// <summary><c>2026-11</c>, or <c>2026-06 to 2026-11</c>.</summary>
    public override string ToString() => From == To ? From.Name : $"{From.Name} to {To.Name}";
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
    ImmutableArray<Outcome> Outcomes);
