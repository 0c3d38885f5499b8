using System.Globalization;
using AuditKit.Compliance;
using AuditKit.Compliance.Standards;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Templates;

namespace AuditKit.Tests.Compliance.Standards;

/// <summary>
/// Two small templates that share the standards <c>seen_alone</c> and <c>plan_smart</c>, with partly weights 0.5 and 0.25,
/// and their audits from September to December 2026; the figures of October and November are worked out by hand in
/// <see cref="StandardRollupTests"/>.
/// </summary>
/// <remarks>
/// <c>qop</c> (partly 0.5): seen_alone [seen_alone], plan_smart [plan_smart], recording (none).
/// <c>cpp</c> (partly 0.25): plan_quality [plan_smart], child_seen [seen_alone], cpp_only [cpp_only, carried by no other].
/// </remarks>
internal static class StandardFixture
{
    public static ReportPeriods OctoberToNovember { get; } = new(Month(2026, 10), Month(2026, 11));

    public static StoredTemplate Qop { get; } = new(
        "qop", 3, "hash-qop", "Quality of practice", 0.5,
        [new StoredCriterion("seen_alone", 0.9, true, "seen_alone"), new StoredCriterion("plan_smart", 0.8, false, "plan_smart"), new StoredCriterion("recording", 0.8, false)]);

    public static StoredTemplate Cpp { get; } = new(
        "cpp", 1, "hash-cpp", "Child protection plans", 0.25,
        [new StoredCriterion("plan_quality", 0.9, false, "plan_smart"), new StoredCriterion("child_seen", 0.9, true, "seen_alone"), new StoredCriterion("cpp_only", 0.8, false, "cpp_only")]);

    /// <summary>qop's audits: two before or after the report's months (Q5, Q6).</summary>
    public static IReadOnlyList<CaseRow> QopCases { get; } =
    [
        Case("Q1", "2026-10-05", "Team A", "MPM"),
        Case("Q2", "2026-10-20", "Team B", "NMN"),
        Case("Q3", "2026-11-03", "Team A", "PXM"),
        Case("Q4", "2026-11-25", " Team A ", "MN-"),
        Case("Q5", "2026-09-30", "Team A", "NNN"),
        Case("Q6", "2026-12-01", "Team A", "NNN"),
    ];

    public static IReadOnlyList<CaseRow> CppCases { get; } =
    [
        Case("C1", "2026-10-10", "Team A", "PMM"),
        Case("C2", "2026-11-12", "Team B", "P-N"),
        Case("C3", "2026-11-13", "Team B", "MPM"),
    ];

    /// <summary>The sources of the roll-up as the store gives them for October and November (in cpp, qop order, as asked).</summary>
    public static IReadOnlyList<StandardSource> Sources() =>
    [
        Source(Cpp, CppCases.Where(InReport)),
        Source(Qop, QopCases.Where(InReport)),
    ];

    public static StandardSource Source(StoredTemplate template, IEnumerable<CaseRow> cases) => new(
        template.Id, template.Version, template.Title, template.PartlyWeight,
        [.. template.Criteria.Select(c => new StandardCriterion(c.Id, c.Target, c.Standard))], [.. cases]);

    public static bool InReport(CaseRow row) => row.AuditDate >= OctoberToNovember.From.First && row.AuditDate <= OctoberToNovember.To.Last;

    public static ReportingPeriod Month(int year, int month) => new(year, month, PeriodLength.Month);

    /// <summary>A case with one outcome code per criterion (M, P, N, X not applicable, - missing).</summary>
    public static CaseRow Case(string auditId, string date, string team, string outcomes) =>
        new(auditId, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), "Auditor One", "C-" + auditId, "CP", team, null, null, null, "Good", 0.5,
            [.. outcomes.Select(c => c switch
            {
                'M' => Outcome.Met,
                'P' => Outcome.Partly,
                'N' => Outcome.NotMet,
                'X' => Outcome.NotApplicable,
                '-' => Outcome.Missing,
                _ => throw new ArgumentOutOfRangeException(nameof(outcomes), c, "Not an outcome code."),
            })]);
}
