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

    /// <summary>Data quality over each team's rows, by team name; empty when the report was not made from rows.</summary>
    public ImmutableSortedDictionary<string, DataQualityReport> DataQualityByTeam { get; init; } =
        ImmutableSortedDictionary<string, DataQualityReport>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>
    /// Null for the whole run. Set on one team's pack (<see cref="TeamScope"/>): then <see cref="ComplianceSummary.Teams"/>
    /// holds that team alone, <see cref="ComplianceSummary.Periods"/> that team's months, and the cases, actions, rejected
    /// rows and data quality are the team's; <see cref="ComplianceSummary.Overall"/> (all teams) and
    /// <see cref="ComplianceSummary.Services"/> (the team's service) are benchmarks, with no case of another team in them.
    /// </summary>
    public ReportScope? Scope { get; init; }

    /// <summary>The figures the report is about: all teams for the whole run, the team's own in a team pack.</summary>
    public GroupSummary Focus => Scope is null ? Compliance.Overall : Compliance.Teams.Single();

    /// <summary>For a report made from the store: the periods it covers; null for a run's files.</summary>
    public ReportPeriods? Period { get; init; }

    /// <summary>
    /// The moderation audits accepted (each a second audit of a case by another auditor, its <see cref="CaseRow.Moderates"/>
    /// naming the first), sorted by audit id. They count in no figure, grade count or action; the store keeps them.
    /// </summary>
    public ImmutableArray<CaseRow> Moderation { get; init; } = [];

    /// <summary>How many rows read were moderation audits; null when none was (summary.json then says nothing of them).</summary>
    public SubmissionCounts? ModerationRead { get; init; }

    /// <summary>For a report made from the store: the agreement of its moderation pairs; null when it has none.</summary>
    public Moderation.AgreementReport? Agreement { get; init; }

    /// <summary>For a report made from the store with <c>--programme</c>: where the audit programme stands; else null.</summary>
    public Programme.ProgrammeStatusReport? Programme { get; init; }
}

/// <summary>What a team pack is scoped to: see <see cref="RunReport.Scope"/>.</summary>
/// <param name="Team">The team the pack is for.</param>
/// <param name="Service">Its service, whose figures are the pack's second benchmark, when the audits gave one.</param>
public sealed record ReportScope(string Team, string? Service)
{
    /// <summary>How writers head a benchmark's column or row: "All teams (benchmark)".</summary>
    public static string Benchmark(string name) => name + " (benchmark)";

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
    ImmutableArray<Outcome> Outcomes)
{
    /// <summary>The auditor's comment on each criterion (<c>&lt;criterion&gt;_comment</c>), by criterion position; empty when there are none.</summary>
    public ImmutableArray<string?> Comments { get; init; } = [];

    /// <summary>For a moderation audit, the audit id of the first audit it moderates; null for a first audit.</summary>
    public string? Moderates { get; init; }
}
