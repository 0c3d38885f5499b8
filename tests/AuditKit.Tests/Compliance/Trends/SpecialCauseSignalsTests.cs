using AuditKit.Compliance.Trends;

namespace AuditKit.Tests.Compliance.Trends;

public class SpecialCauseSignalsTests
{
    private static PChartResult Chart(int n, params int[] met) =>
        PChart.Compute(met.Select((m, i) => new PChartInput($"2026-{i + 1:00}", m, n)));

    [Fact]
    public void Detect_PointBelowLowerLimit_GivesOutsideLimitsBelow()
    {
        // n = 100; p-bar = (7 x 80 + 20) / 800 = 0.725; lcl = 0.725 - 3 x 0.04465 = 0.591 > 0.20.
        var chart = Chart(100, 80, 80, 80, 80, 20, 80, 80, 80);

        var signals = SpecialCauseSignals.Detect(chart);

        signals.Count().ShouldBe(1);
        signals[0].Type.ShouldBe(SignalType.OutsideLimits);
        signals[0].Direction.ShouldBe(SignalDirection.Below);
        signals[0].Periods.ShouldBe(["2026-05"]);
    }

    [Fact]
    public void Detect_SevenPointsAboveCentre_GivesShiftAbove()
    {
        // n = 10; p-bar = (7 x 9 + 3 x 3) / 100 = 0.72; limits [0.294, 1]: every point inside.
        var chart = Chart(10, 9, 9, 9, 9, 9, 9, 9, 3, 3, 3);

        var signals = SpecialCauseSignals.Detect(chart);

        signals.Count().ShouldBe(1);
        signals[0].Type.ShouldBe(SignalType.Shift);
        signals[0].Direction.ShouldBe(SignalDirection.Above);
        signals[0].Periods.ShouldBe(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    }

    [Fact]
    public void Detect_SixPointsAboveCentre_GivesNoShift()
    {
        var chart = Chart(10, 9, 9, 9, 9, 9, 9, 3, 3, 3);

        SpecialCauseSignals.Detect(chart).ShouldNotContain(s => s.Type == SignalType.Shift);
    }

    [Fact]
    public void Detect_PointOnCentreLine_EndsTheRun()
    {
        // p-bar = 0.5 exactly; the 4th point sits on it: runs of 3 below, then 4 above.
        var chart = Chart(10, 4, 4, 4, 5, 6, 6, 6, 6, 4, 5);

        SpecialCauseSignals.Detect(chart).ShouldNotContain(s => s.Type == SignalType.Shift);
    }

    [Fact]
    public void Detect_SevenRisingPoints_GivesTrendUp()
    {
        // p-bar = 35 / 70 = 0.5; limits [0.026, 0.974]; below, on and above the line: no shift.
        var chart = Chart(10, 2, 3, 4, 5, 6, 7, 8);

        var signals = SpecialCauseSignals.Detect(chart);

        signals.Count().ShouldBe(1);
        signals[0].Type.ShouldBe(SignalType.Trend);
        signals[0].Direction.ShouldBe(SignalDirection.Up);
        signals[0].Periods.Length.ShouldBe(7);
        signals[0].Periods[0].ShouldBe("2026-01");
    }

    [Fact]
    public void Detect_SixRisingPoints_GivesNoTrend()
    {
        var chart = Chart(10, 3, 4, 5, 6, 7, 8);

        SpecialCauseSignals.Detect(chart).ShouldNotContain(s => s.Type == SignalType.Trend);
    }

    [Fact]
    public void Detect_EqualNeighbourInsideRise_BreaksTheTrend()
    {
        var chart = Chart(10, 2, 3, 4, 4, 5, 6, 7, 8);

        SpecialCauseSignals.Detect(chart).ShouldNotContain(s => s.Type == SignalType.Trend);
    }

    [Fact]
    public void Detect_EightFallingPoints_GivesOneTrendDownWithAllEight()
    {
        var chart = Chart(10, 9, 8, 7, 6, 5, 4, 3, 2);

        var trend = SpecialCauseSignals.Detect(chart).Single(s => s.Type == SignalType.Trend);

        trend.Direction.ShouldBe(SignalDirection.Down);
        trend.Periods.Length.ShouldBe(8);
    }

    [Fact]
    public void Detect_SeveralSignals_AreSortedByFirstPeriod()
    {
        // A point far above (outside) and then seven points below the centre line.
        var chart = Chart(100, 99, 60, 60, 60, 60, 60, 60, 60);

        var signals = SpecialCauseSignals.Detect(chart);

        signals.Select(s => (s.Type, s.Direction)).ShouldBe(
            [(SignalType.OutsideLimits, SignalDirection.Above), (SignalType.Shift, SignalDirection.Below)]);
        signals[1].Periods.First().ShouldBe("2026-02");
    }
}
