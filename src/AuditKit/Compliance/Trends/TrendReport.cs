using System.Collections.Immutable;

namespace AuditKit.Compliance.Trends;

/// <summary>Compliance over time for one template, as p-charts with special-cause signals.</summary>
/// <param name="Template">The template id.</param>
/// <param name="Series">"All teams" series first (criteria in template order), then each team by name.</param>
public sealed record TrendReport(string Template, ImmutableArray<TrendSeries> Series);

/// <summary>One team's (or all teams', when <paramref name="Team"/> is null) compliance on one criterion by month.</summary>
/// <param name="Points">Months (<c>yyyy-MM</c>) with at least one applicable audit, in order.</param>
/// <param name="Centre">The p-chart centre line, or null when there is no point.</param>
public sealed record TrendSeries(
    string? Team,
    string Criterion,
    ImmutableArray<PChartPoint> Points,
    double? Centre,
    ImmutableArray<SpecialCauseSignal> Signals);

/// <summary>Outcome counts of one team on one criterion in one month (<c>yyyy-MM</c>).</summary>
public sealed record TrendCell(string Team, string Criterion, string Period, int Met, int Partly, int NotMet);
