using System.Collections.Immutable;
using AuditKit.Evaluation;
using AuditKit.Templates;

namespace AuditKit.Compliance;

/// <summary>Compliance for one criterion within a group of audits (overall, a team, a service or a month).</summary>
/// <param name="Compliance">(met + partly_weight x partly) / (met + partly + not_met), or null.</param>
/// <param name="CiLow">Lower bound of the 95% Wilson score interval, or null.</param>
/// <param name="CiHigh">Upper bound of the 95% Wilson score interval, or null.</param>
public sealed record CriterionStat(
    string Id,
    OutcomeCounts Counts,
    double? Compliance,
    double? CiLow,
    double? CiHigh,
    double Target,
    Rag? Rag)
{
    /// <summary>The criterion's <c>standard</c>, when the template gives it one.</summary>
    public string? Standard { get; init; }
}

/// <summary>How often the auditor's own grade matched the grade the rules gave.</summary>
/// <param name="Compared">Audits with both an auditor's grade and a derived grade.</param>
/// <param name="Disagreements">Each audit where they differ, sorted by audit id.</param>
public sealed record GradeAgreement(int Compared, int Agreed, ImmutableArray<GradeDisagreement> Disagreements)
{
    public double? Rate => Compared == 0 ? null : (double)Agreed / Compared;
}

public sealed record GradeDisagreement(string AuditId, string CaseRef, string Team, string AuditorGrade, string DerivedGrade);

/// <summary>The statistics of one group of audits.</summary>
/// <param name="Name">The team, service or period; null for the whole run.</param>
/// <param name="Service">For a team: its service when the submissions gave one.</param>
/// <param name="Grades">Derived grade counts, by grade name (ordinal order).</param>
public sealed record GroupSummary(
    string? Name,
    string? Service,
    int Audits,
    ImmutableSortedDictionary<string, int> Grades,
    ImmutableArray<CriterionStat> Criteria,
    GradeAgreement Agreement);

/// <summary>Everything aggregated from a run's case results. Teams, services and periods are sorted by name.</summary>
/// <param name="Periods">Per calendar month of audit date (<c>yyyy-MM</c>).</param>
public sealed record ComplianceSummary(
    GroupSummary Overall,
    ImmutableArray<GroupSummary> Teams,
    ImmutableArray<GroupSummary> Services,
    ImmutableArray<GroupSummary> Periods)
{
    /// <summary>The earliest audit date of the audits counted; null when none were.</summary>
    public DateOnly? FirstAuditDate { get; init; }

    /// <summary>The latest audit date of the audits counted; null when none were.</summary>
    public DateOnly? LastAuditDate { get; init; }
}
