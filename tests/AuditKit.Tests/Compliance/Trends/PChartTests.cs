using AuditKit.Compliance.Trends;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Compliance.Trends;

public class PChartTests
{
    [Fact]
    public void Compute_HandComputedSeries_GivesPooledCentreAndClampedLimits()
    {
        // p-bar = (8 + 6 + 10) / (10 + 10 + 20) = 0.6
        // n = 10: 3 x sqrt(0.6 x 0.4 / 10) = 0.464758 -> [0.135242, 1.064758 clamped to 1]
        // n = 20: 3 x sqrt(0.6 x 0.4 / 20) = 0.328634 -> [0.271366, 0.928634]
        var chart = PChart.Compute([new("2026-01", 8, 10), new("2026-02", 6, 10), new("2026-03", 10, 20)]);

        chart.Centre!.Value.ShouldBe(0.6, 1e-12);
        chart.Points.Select(p => p.Period).ShouldBe(["2026-01", "2026-02", "2026-03"]);
        chart.Points.Select(p => p.Compliance).ShouldBe([0.8, 0.6, 0.5], 1e-12);
        chart.Points[0].Lcl.ShouldBe(0.135242, 1e-6);
        chart.Points[0].Ucl.ShouldBe(1.0);
        chart.Points[2].Lcl.ShouldBe(0.271366, 1e-6);
        chart.Points[2].Ucl.ShouldBe(0.928634, 1e-6);
    }

    [Fact]
    public void Compute_PeriodWithNoApplicableAudits_IsLeftOut()
    {
        var chart = PChart.Compute([new("2026-01", 1.5, 2), new("2026-02", 0, 0), new("2026-03", 1, 2)]);

        chart.Points.Select(p => p.Period).ShouldBe(["2026-01", "2026-03"]);
        chart.Centre!.Value.ShouldBe(0.625, 1e-12);
    }

    [Fact]
    public void Compute_NoPoints_HasNoCentre()
    {
        var chart = PChart.Compute([new("2026-01", 0, 0)]);

        chart.Centre.ShouldBeNull();
        chart.Points.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_AllMet_LimitsCollapseOntoCentre()
    {
        var chart = PChart.Compute([new("2026-01", 5, 5), new("2026-02", 3, 3)]);

        chart.Centre.ShouldBe(1.0);
        chart.Points.ShouldAllBe(p => p.Lcl == 1.0 && p.Ucl == 1.0);
        SpecialCauseSignals.Detect(chart).ShouldBeEmpty();
    }

    [Fact]
    public void Compute_WeightedAboveN_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PChart.Compute([new("2026-01", 6, 5)]));
    }

    [Fact]
    public void Compute_AnySeries_LimitsStayWithinZeroAndOneAroundCentre()
    {
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(1, 60).SelectMany(n => Gen.Choose(0, n).Select(met => (met, n)))).ToArbitrary(),
            series =>
            {
                var chart = PChart.Compute(series.Select((s, i) => new PChartInput($"p{i:000}", s.met, s.n)));
                return chart.Points.All(p =>
                    p.Lcl >= 0 && p.Ucl <= 1 && p.Lcl <= chart.Centre + 1e-12 && p.Ucl >= chart.Centre - 1e-12);
            }).QuickCheckThrowOnFailure();
    }
}
