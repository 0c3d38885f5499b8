using System.Collections.Immutable;
using AuditKit.Reporting;

namespace AuditKit.Compliance.Standards;

/// <summary>One template's part of a roll-up: its criteria with their standards, and its audits in the periods.</summary>
/// <param name="PartlyWeight">How much a Partly counts in this template (its <c>scoring.partly_weight</c>).</param>
/// <param name="Criteria">In template order; the outcomes of <paramref name="Cases"/> are in this order.</param>
public sealed record StandardSource(
    string TemplateId,
    int Version,
    string Title,
    double PartlyWeight,
    ImmutableArray<StandardCriterion> Criteria,
    IReadOnlyList<CaseRow> Cases);

/// <param name="Standard">The criterion's standard, or null when it has none.</param>
public sealed record StandardCriterion(string Id, double Target, string? Standard);

/// <summary>
/// Outcome counts of a standard in a group of audits, across the criteria that carry it. <see cref="Credit"/> is the sum,
/// over those criteria, of met + the criterion's template's partly weight x partly, so that compliance counts each template's
/// partly weight.
/// </summary>
public readonly record struct StandardFigures(int Met, int Partly, int NotMet, int NotApplicable, int Missing, double Credit)
{
    /// <summary>met + partly + not met: the audits the standard applied to and was judged on.</summary>
    public int N => Met + Partly + NotMet;

    /// <summary>Credit / n, as contract 3's CRITERION_STAT works it out; null when n is 0.</summary>
    public double? Compliance => N == 0 ? null : Credit / N;

    /// <summary>The 95% Wilson score interval of <see cref="Compliance"/> with n; null when n is 0.</summary>
    public (double Low, double High)? Interval => Compliance is { } c ? WilsonInterval.Compute(Math.Clamp(c, 0, 1), N) : null;

    public static StandardFigures operator +(StandardFigures a, StandardFigures b) => new(
        a.Met + b.Met, a.Partly + b.Partly, a.NotMet + b.NotMet, a.NotApplicable + b.NotApplicable, a.Missing + b.Missing, a.Credit + b.Credit);
}

/// <summary>A standard's figures in one period.</summary>
public sealed record PeriodStandardFigures(string Period, StandardFigures Figures);

/// <summary>A criterion of one template that carries the standard, with its figures over every period of the report.</summary>
public sealed record StandardCarrier(string Template, string Criterion, double PartlyWeight, double Target, StandardFigures Figures);

/// <summary>One team's figures of a standard: over the whole report, and per period.</summary>
public sealed record TeamStandardFigures(string Team, StandardFigures Overall, ImmutableArray<PeriodStandardFigures> Periods);

/// <summary>A standard rolled up across the templates that carry it.</summary>
/// <param name="CarriedBy">The criteria that carry it, in the order of the templates given.</param>
/// <param name="Periods">Every period of the report, in order, with or without audits.</param>
/// <param name="Teams">The teams with an audit of a carrying template in the report, by name.</param>
public sealed record StandardSummary(
    string Id,
    ImmutableArray<StandardCarrier> CarriedBy,
    StandardFigures Overall,
    ImmutableArray<PeriodStandardFigures> Periods,
    ImmutableArray<TeamStandardFigures> Teams);

/// <summary>A template in the roll-up, with how many of its audits the report covers.</summary>
public sealed record StandardTemplate(string Id, int Version, string Title, double PartlyWeight, int Audits);

/// <summary>
/// The standards that several templates share, rolled up over the periods of a report (<see cref="StandardRollup"/>).
/// </summary>
/// <param name="Team">The one team the report is for, or null for every team.</param>
/// <param name="Standards">By id (ordinal).</param>
public sealed record StandardsReport(
    ReportPeriods Period,
    string? Team,
    ImmutableArray<StandardTemplate> Templates,
    ImmutableArray<StandardSummary> Standards);
