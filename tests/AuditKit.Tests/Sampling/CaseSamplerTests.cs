using AuditKit.Sampling;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Sampling;

public sealed class CaseSamplerTests
{
    private static readonly string[] Teams = ["Team A", "Team B", "team b", "Team C", "Team D"];
    private static readonly string[] Types = ["CIN", "CP", "LAC"];

    /// <summary>A caseload of up to 60 cases (some listed twice), a set of recently audited ones, a size and a seed.</summary>
    private sealed record Scenario(List<CaseloadCase> Cases, HashSet<string> Recent, bool PerTeam, int Count, bool ByCaseType, int Reserve, int Seed)
    {
        public SampleRequest Request => new(PerTeam ? SampleSize.EachTeam(Count) : SampleSize.Total(Count), ByCaseType, Seed, Reserve, Recent);

        public override string ToString() =>
            $"{Cases.Count} cases ({string.Join(", ", Cases.Select(c => $"{c.CaseRef}/{c.Team}/{c.CaseType}"))}); recent [{string.Join(", ", Recent)}]; "
            + $"{(PerTeam ? "per team" : "total")} {Count}, by type {ByCaseType}, reserve {Reserve}, seed {Seed}";
    }

    private static Gen<Scenario> Scenarios =>
        from size in Gen.Choose(0, 60)
        from picks in Gen.ArrayOf(
            from refNumber in Gen.Choose(1, 80)
            from team in Gen.Elements(Teams)
            from type in Gen.Elements(Types)
            select (Ref: $"C-{refNumber}", Team: team, Type: type), size)
        from recent in Gen.ArrayOf(Gen.Choose(1, 80), 10)
        from perTeam in Gen.Elements(true, false)
        from count in Gen.Choose(1, 25)
        from byType in Gen.Elements(true, false)
        from reserve in Gen.Choose(0, 3)
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        select new Scenario(
            [.. picks.Select((p, i) => new CaseloadCase(i, "caseload.csv", i + 2, p.Ref, p.Team, p.Type))],
            new HashSet<string>(recent.Select(n => $"c-{n}"), StringComparer.OrdinalIgnoreCase),
            perTeam, count, byType, reserve, seed);

    private static bool Eligible(Scenario s, CaseloadCase c) =>
        !s.Recent.Contains(c.CaseRef) && s.Cases.First(x => string.Equals(x.CaseRef, c.CaseRef, StringComparison.OrdinalIgnoreCase)).Index == c.Index;

    [Fact]
    public void Draw_AnyCaseload_NeverPicksAnExcludedCase()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var sample = CaseSampler.Draw(s.Cases, s.Request);
            return sample.Cases.All(d => Eligible(s, d.Case)) && sample.Cases.Select(d => d.Case.CaseRef.ToUpperInvariant()).Distinct().Count() == sample.Cases.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Draw_PerTeam_EachTeamGetsItsNumberOrAllItsEligibleCases()
    {
        Prop.ForAll(Scenarios.Where(s => s.PerTeam).ToArbitrary(), s =>
        {
            var sample = CaseSampler.Draw(s.Cases, s.Request);
            return s.Cases.GroupBy(c => c.Team, StringComparer.OrdinalIgnoreCase).All(team =>
            {
                var eligible = team.Count(c => Eligible(s, c));
                var drawn = sample.Main.Count(d => string.Equals(d.Case.Team, team.Key, StringComparison.OrdinalIgnoreCase));
                return drawn == Math.Min(s.Count, eligible);
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Draw_Total_TeamsAndCaseTypesShareInProportionWithinOneCase()
    {
        Prop.ForAll(Scenarios.Where(s => !s.PerTeam).ToArbitrary(), s =>
        {
            var sample = CaseSampler.Draw(s.Cases, s.Request);
            var eligible = s.Cases.Where(c => Eligible(s, c)).ToList();
            var target = Math.Min(s.Count, eligible.Count);
            if (sample.Main.Count() != target)
            {
                return false;
            }

            foreach (var team in eligible.GroupBy(c => c.Team, StringComparer.OrdinalIgnoreCase))
            {
                var share = (double)target * team.Count() / eligible.Count;
                var teamDrawn = sample.Main.Where(d => string.Equals(d.Case.Team, team.Key, StringComparison.OrdinalIgnoreCase)).ToList();
                if (Math.Abs(teamDrawn.Count - share) >= 1)
                {
                    return false;
                }

                if (s.ByCaseType && team.GroupBy(c => c.CaseType).Any(type =>
                    Math.Abs(teamDrawn.Count(d => d.Case.CaseType == type.Key) - ((double)teamDrawn.Count * type.Count() / team.Count())) >= 1))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Draw_SameSeed_SameSampleWhateverTheOrderOfTheExtract()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var first = CaseSampler.Draw(s.Cases, s.Request);
            var reversed = s.Cases.AsEnumerable().Reverse().Select((c, i) => c with { Index = i }).ToList();
            var again = CaseSampler.Draw(reversed, s.Request);
            static IEnumerable<string> Key(SampleResult r) => r.Cases.Select(d => $"{d.Case.CaseRef}|{d.Reserve}");
            // Reversing the extract changes which row of a twice-listed case comes first, so compare only extracts without repeats.
            var repeats = s.Cases.GroupBy(c => c.CaseRef, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1);
            return Key(first).SequenceEqual(Key(CaseSampler.Draw(s.Cases, s.Request))) && (repeats || Key(first).SequenceEqual(Key(again)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Draw_Reserves_AreFromTheStratumAndNeverAlsoMain()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var sample = CaseSampler.Draw(s.Cases, s.Request);
            var tallies = sample.Strata;
            return tallies.All(t => t.Reserves <= s.Reserve && (t.Drawn > 0 || t.Reserves == 0))
                && sample.Reserves.Count() == tallies.Sum(t => t.Reserves)
                && tallies.Sum(t => t.Cases) == s.Cases.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Draw_DifferentSeeds_DrawDifferentCases()
    {
        // Arrange: 100 cases in one team; 10 drawn.
        var cases = Enumerable.Range(0, 100).Select(i => new CaseloadCase(i, "c.csv", i + 2, $"C-{i:000}", "Team A", "CP")).ToList();

        // Act
        var one = CaseSampler.Draw(cases, SampleRequest.Of(SampleSize.EachTeam(10), seed: 1)).Cases.Select(c => c.Case.CaseRef).ToList();
        var two = CaseSampler.Draw(cases, SampleRequest.Of(SampleSize.EachTeam(10), seed: 2)).Cases.Select(c => c.Case.CaseRef).ToList();

        // Assert
        one.Count.ShouldBe(10);
        one.ShouldNotBe(two);
    }

    [Fact]
    public void Draw_Tallies_CountExclusionsByReason()
    {
        // Arrange: C-1 audited recently, C-2 listed twice, in a team of four rows.
        CaseloadCase[] cases =
        [
            new(0, "c.csv", 2, "C-1", "Team A", "CP"), new(1, "c.csv", 3, "C-2", "Team A", "CP"),
            new(2, "c.csv", 4, "c-2", "Team A", "CP"), new(3, "c.csv", 5, "C-3", "Team A", "CP"),
        ];
        var request = new SampleRequest(SampleSize.EachTeam(5), false, 7, 0, new HashSet<string>(["C-1"], StringComparer.OrdinalIgnoreCase));

        // Act
        var sample = CaseSampler.Draw(cases, request);

        // Assert
        sample.Strata.ShouldHaveSingleItem().ShouldBe(new StratumTally("Team A", null, 4, 1, 1, 2, 0));
        sample.Cases.Select(c => c.Case.CaseRef).Order(StringComparer.Ordinal).ShouldBe(["C-2", "C-3"]);
    }

    [Fact]
    public void Apportion_LargestRemainders_TiesToTheFirst()
    {
        CaseSampler.Apportion(10, [5, 3, 2]).ShouldBe([5, 3, 2]);
        CaseSampler.Apportion(5, [1, 1, 1, 1, 1, 1]).ShouldBe([1, 1, 1, 1, 1, 0]);
        CaseSampler.Apportion(7, [10, 10, 1]).ShouldBe([4, 3, 0]);
        CaseSampler.Apportion(50, [3, 4]).ShouldBe([3, 4]);
        CaseSampler.Apportion(3, [0, 0]).ShouldBe([0, 0]);
    }
}
