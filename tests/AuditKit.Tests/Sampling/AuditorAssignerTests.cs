using AuditKit.Sampling;
using AuditKit.Submissions;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Sampling;

public sealed class AuditorAssignerTests
{
    private static readonly string[] Teams = ["Team A", "Team B", "Team C", "Team D"];

    private static Gen<(List<CaseloadCase> Cases, List<Auditor> Auditors, int Seed)> Scenarios =>
        from caseCount in Gen.Choose(1, 40)
        from caseTeams in Gen.ArrayOf(Gen.Elements(Teams), caseCount)
        from auditorCount in Gen.Choose(1, 8)
        from auditorTeams in Gen.ArrayOf(Gen.Elements<string?>([.. Teams, "team a", null, "Team Z"]), auditorCount)
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        select (
            caseTeams.Select((t, i) => new CaseloadCase(i, "c.csv", i + 2, $"C-{i}", t, "CP")).ToList(),
            auditorTeams.Select((t, i) => new Auditor($"Auditor {i}", t)).ToList(),
            seed);

    private static SampleResult Drawn(IEnumerable<CaseloadCase> cases, int seed) =>
        CaseSampler.Draw([.. cases], SampleRequest.Of(SampleSize.Total(1000), seed, reserve: 0));

    [Fact]
    public void Assign_AnyAuditors_NobodyGetsTheirOwnTeamsCase()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var assigned = AuditorAssigner.Assign(Drawn(s.Cases, s.Seed), s.Auditors, s.Seed);
            return assigned.Cases.All(c =>
            {
                var allowed = s.Auditors.Where(a => a.MayAudit(c.Case.Team)).Select(a => a.Name).ToList();
                return c.Auditor is null ? allowed.Count == 0 : allowed.Contains(c.Auditor)
                    && !string.Equals(s.Auditors.Single(a => a.Name == c.Auditor).Team, c.Case.Team, StringComparison.OrdinalIgnoreCase);
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Assign_AuditorsFreeToAuditEveryTeam_NumbersDifferByAtMostOne()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var free = s.Auditors.Select(a => a with { Team = "Elsewhere" }).ToList();
            var assigned = AuditorAssigner.Assign(Drawn(s.Cases, s.Seed), free, s.Seed);
            var loads = free.Select(a => assigned.Cases.Count(c => c.Auditor == a.Name)).ToList();
            return loads.Max() - loads.Min() <= 1 && loads.Sum() == s.Cases.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Assign_ConstrainedTeams_ServedFirstSoTheOthersStayEven()
    {
        // Arrange: two Team A cases only Bo may audit (Al is of Team A); two Team B cases either may audit.
        CaseloadCase[] cases = [new(0, "c", 2, "C-1", "Team A", "CP"), new(1, "c", 3, "C-2", "Team A", "CP"), new(2, "c", 4, "C-3", "Team B", "CP"), new(3, "c", 5, "C-4", "Team B", "CP")];
        Auditor[] auditors = [new("Al", "Team A"), new("Bo", "Team C")];

        // Act
        var assigned = AuditorAssigner.Assign(Drawn(cases, 3), auditors, 3);

        // Assert: Bo takes Team A's two, Al Team B's two.
        assigned.Cases.Where(c => c.Case.Team == "Team A").Select(c => c.Auditor).ShouldBe(["Bo", "Bo"]);
        assigned.Cases.Where(c => c.Case.Team == "Team B").Select(c => c.Auditor).ShouldBe(["Al", "Al"]);
    }

    [Fact]
    public void ReadList_ProblemRows_ReportedWithTheirRows()
    {
        // Arrange
        string[] header = ["auditor", "team"];
        RawRecord[] rows = [new("auditors.csv", 2, header, ["Al", "Team A"]), new("auditors.csv", 3, header, ["", "Team B"]), new("auditors.csv", 4, header, ["al ", "Team B"]), new("auditors.csv", 5, header, ["Bo", null])];

        // Act
        var (auditors, problems) = AuditorAssigner.ReadList(rows, "auditors.csv");

        // Assert
        auditors.ShouldBe([new Auditor("Al", "Team A"), new Auditor("Bo", null)]);
        problems.Select(p => p.ToString()).ShouldBe([
            "auditors.csv row 3: error AK6105: 'auditor' is blank; give the auditor's name or remove the row.",
            "auditors.csv row 4: warning AK6106: This auditor is already listed on row 2; the first row is used. Give each auditor one row, with the team they belong to.",
        ]);
    }

    [Fact]
    public void ReadList_NoTeamColumn_IsAnErrorNamingIt()
    {
        var (auditors, problems) = AuditorAssigner.ReadList([new RawRecord("a.csv", 2, ["auditor", "tema"], ["Al", "Team A"])], "a.csv");

        auditors.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().ToString().ShouldBe(
            "a.csv: error AK6104: The auditors list has no 'team' column; it needs the columns 'auditor' and 'team' (the team the auditor belongs to, blank for an auditor of no team).");
    }
}
