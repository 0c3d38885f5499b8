using AuditKit.Compliance.Trends;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Compliance.Trends;

public class TrendBuilderTests
{
    private static readonly TrendCell[] Cells =
    [
        new("Team B", "seen_alone", "2026-01", 3, 0, 1),
        new("Team A", "seen_alone", "2026-01", 1, 2, 1),
        new("Team A", "seen_alone", "2026-02", 2, 0, 0),
        new("Team A", "plan_smart", "2026-01", 0, 0, 0),
        new("Team A", "plan_smart", "2026-02", 1, 0, 1),
    ];

    [Fact]
    public void Build_NoTeam_AllTeamsSeriesFirstThenTeamsWithCriteriaInTemplateOrder()
    {
        var report = TrendBuilder.Build("qop", ["seen_alone", "plan_smart"], 0.5, Cells);

        report.Series.Select(s => (s.Team, s.Criterion)).ShouldBe(
        [
            (null, "seen_alone"), (null, "plan_smart"),
            ("Team A", "seen_alone"), ("Team A", "plan_smart"),
            ("Team B", "seen_alone"),
        ]);
    }

    [Fact]
    public void Build_AllTeams_AddsTeamsCountsPerMonth()
    {
        var report = TrendBuilder.Build("qop", ["seen_alone", "plan_smart"], 0.5, Cells);

        // 2026-01: met 4, partly 2, not_met 2 -> (4 + 1) / 8; 2026-02: 2 / 2.
        var all = report.Series[0];
        all.Points.Select(p => (p.Period, p.N)).ShouldBe([("2026-01", 8), ("2026-02", 2)]);
        all.Points[0].Compliance.ShouldBe(0.625, 1e-12);
        all.Centre!.Value.ShouldBe(0.7, 1e-12);
    }

    [Fact]
    public void Build_TeamAndCriterion_OnlyThatSeries()
    {
        var report = TrendBuilder.Build("qop", ["seen_alone", "plan_smart"], 0.5, Cells, team: "Team A", criterion: "plan_smart");

        report.Series.Length.ShouldBe(1);
        report.Series[0].Team.ShouldBe("Team A");
        report.Series[0].Points.Select(p => p.Period).ShouldBe(["2026-02"]);
    }

    [Fact]
    public void Write_Report_MatchesSnapshot()
    {
        var report = TrendBuilder.Build("qop", ["seen_alone", "plan_smart"], 0.5, Cells);

        Snapshot.Match(TrendJson.Write(report), "trend-json");
    }
}
