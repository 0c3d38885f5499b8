using AuditKit.Compliance.Standards;
using static AuditKit.Tests.Compliance.Standards.StandardFixture;

namespace AuditKit.Tests.Compliance.Standards;

/// <summary>
/// The roll-up of shared standards, against figures worked out by hand from <see cref="StandardFixture"/>: each template's
/// partly weight counted for its own criteria, every period of the report listed, teams trimmed and sorted.
/// </summary>
public class StandardRollupTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Build_TwoTemplates_RollsUpOnlyTheSharedStandardsByIdWithTemplatesById()
    {
        var report = StandardRollup.Build(Sources(), OctoberToNovember);

        report.Standards.Select(s => s.Id).ShouldBe(["plan_smart", "seen_alone"]);
        report.Templates.Select(t => (t.Id, t.Audits, t.PartlyWeight)).ShouldBe([("cpp", 3, 0.25), ("qop", 4, 0.5)]);
        report.Standards[1].CarriedBy.Select(c => (c.Template, c.Criterion, c.Target)).ShouldBe([("cpp", "child_seen", 0.9), ("qop", "seen_alone", 0.9)]);
    }

    [Fact]
    public void Build_SeenAlone_HandWorkedFiguresOverallPerCarrierPerPeriodAndPerTeam()
    {
        var seen = StandardRollup.Build(Sources(), OctoberToNovember).Standards.Single(s => s.Id == "seen_alone");

        // cpp: C1 met, C2 missing, C3 partly (x 0.25) -> (1 + 0.25) / 2. qop: Q1 met, Q2 not met, Q3 partly (x 0.5), Q4 met -> 2.5 / 4.
        Figures(seen.CarriedBy[0].Figures).ShouldBe((1, 1, 0, 0, 1, 2));
        seen.CarriedBy[0].Figures.Compliance!.Value.ShouldBe(0.625, Tolerance);
        Figures(seen.CarriedBy[1].Figures).ShouldBe((2, 1, 1, 0, 0, 4));
        seen.CarriedBy[1].Figures.Compliance!.Value.ShouldBe(0.625, Tolerance);

        // Overall: 3 met, 2 partly (0.25 + 0.5), 1 not met: 3.75 / 6; Wilson 95% at p = 0.625, n = 6.
        Figures(seen.Overall).ShouldBe((3, 2, 1, 0, 1, 6));
        seen.Overall.Compliance!.Value.ShouldBe(0.625, Tolerance);
        seen.Overall.Interval!.Value.Low.ShouldBe(0.269834, Tolerance);
        seen.Overall.Interval!.Value.High.ShouldBe(0.882583, Tolerance);

        // October: Q1 met, Q2 not met, C1 met -> 2 / 3. November: Q3 partly 0.5, Q4 met, C2 missing, C3 partly 0.25 -> 1.75 / 3.
        seen.Periods.Select(p => p.Period).ShouldBe(["2026-10", "2026-11"]);
        seen.Periods[0].Figures.Compliance!.Value.ShouldBe(2.0 / 3, Tolerance);
        seen.Periods[0].Figures.Interval!.Value.Low.ShouldBe(0.20766, Tolerance);
        Figures(seen.Periods[1].Figures).ShouldBe((1, 2, 0, 0, 1, 3));
        seen.Periods[1].Figures.Compliance!.Value.ShouldBe(1.75 / 3, Tolerance);
        seen.Periods[1].Figures.Interval!.Value.High.ShouldBe(0.908919, Tolerance);

        // Team A (Q4's " Team A " trimmed): Q1, Q4, C1 met, Q3 partly 0.5 -> 3.5 / 4. Team B: Q2 not met, C2 missing, C3 partly 0.25 -> 0.25 / 2.
        seen.Teams.Select(t => t.Team).ShouldBe(["Team A", "Team B"]);
        seen.Teams[0].Overall.Compliance!.Value.ShouldBe(0.875, Tolerance);
        seen.Teams[0].Periods.Select(p => p.Figures.N).ShouldBe([2, 2]);
        Figures(seen.Teams[1].Overall).ShouldBe((0, 1, 1, 0, 1, 2));
        seen.Teams[1].Overall.Compliance!.Value.ShouldBe(0.125, Tolerance);
        seen.Teams[1].Overall.Interval!.Value.Low.ShouldBe(0.007269, Tolerance);
        seen.Teams[1].Periods[0].Figures.Compliance!.Value.ShouldBe(0.0, Tolerance);
    }

    [Fact]
    public void Build_PlanSmart_CountsEachTemplatesPartlyWeightNotOneWeightForAll()
    {
        var plan = StandardRollup.Build(Sources(), OctoberToNovember).Standards.Single(s => s.Id == "plan_smart");

        // cpp: C1 partly, C2 partly, C3 met -> (1 + 2 x 0.25) / 3 = 0.5 (with qop's 0.5 it would be 2 / 3).
        // qop: Q1 partly, Q2 met, Q3 not applicable, Q4 not met -> (1 + 0.5) / 3 = 0.5.
        plan.CarriedBy.Select(c => c.Figures.Compliance).ShouldBe([0.5, 0.5]);
        Figures(plan.Overall).ShouldBe((2, 3, 1, 1, 0, 6));
        plan.Overall.Compliance!.Value.ShouldBe(0.5, Tolerance);
        plan.Overall.Interval!.Value.Low.ShouldBe(0.187616, Tolerance);
        plan.Overall.Interval!.Value.High.ShouldBe(0.812384, Tolerance);
    }

    [Fact]
    public void Build_PeriodWithoutAudits_IsListedWithNoCompliance()
    {
        var report = StandardRollup.Build(Sources(), new(Month(2026, 10), Month(2026, 12)));

        var december = report.Standards.Single(s => s.Id == "seen_alone").Periods[^1];
        december.Period.ShouldBe("2026-12");
        december.Figures.N.ShouldBe(0);
        december.Figures.Compliance.ShouldBeNull();
        december.Figures.Interval.ShouldBeNull();
    }

    [Fact]
    public void Build_AuditOutsideTheReportsPeriods_IsRefused()
    {
        var outside = Source(Qop, QopCases);

        Should.Throw<ArgumentException>(() => StandardRollup.Build([outside, Sources()[0]], OctoberToNovember)).Message.ShouldContain("'Q5'");
    }

    [Fact]
    public void Shared_StandardOfOneTemplateOnly_IsNotShared()
    {
        StandardRollup.Shared(Sources()).ShouldBe(["plan_smart", "seen_alone"]);
        StandardRollup.Shared([Sources()[0]]).ShouldBeEmpty();
    }

    private static (int Met, int Partly, int NotMet, int NotApplicable, int Missing, int N) Figures(StandardFigures f) =>
        (f.Met, f.Partly, f.NotMet, f.NotApplicable, f.Missing, f.N);
}
