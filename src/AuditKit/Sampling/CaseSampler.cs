using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using AuditKit.Synthesis;

namespace AuditKit.Sampling;

/// <summary>
/// Draws a stratified random sample from a caseload. Strata are teams (team names compared ignoring case, shown as first
/// spelt), or teams and case types. Each team's share is <c>--per-team N</c> (or all its eligible cases when it has
/// fewer), or its part of <c>--total N</c> in proportion to its eligible cases (largest remainders, ties to the team
/// first in name order); a team's share is split between its case types the same way. Within a stratum the eligible
/// cases, in case reference order, are shuffled by a generator seeded from the seed and the stratum's name, so the same
/// seed gives the same sample whatever the order of the extract, and one team's cases do not change another's draw.
/// </summary>
public static class CaseSampler
{
    public static SampleResult Draw(IReadOnlyList<CaseloadCase> cases, SampleRequest request)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reserve < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Reserve, "Reserve cases cannot be fewer than none.");
        }

        var teams = cases
            .GroupBy(c => c.Team, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TeamCases(g.First().Team, [.. g]))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var listedTwice = new HashSet<int>();
        foreach (var c in cases.OrderBy(c => c.Index))
        {
            if (!seen.Add(c.CaseRef))
            {
                listedTwice.Add(c.Index);
            }
        }

        var strataByTeam = teams.Select(t => Strata(t, request, listedTwice)).ToList();
        var teamShares = request.Size.PerTeam
            ? strataByTeam.Select(s => Math.Min(request.Size.Count, s.Sum(x => x.Eligible.Count))).ToArray()
            : Apportion(request.Size.Count, [.. strataByTeam.Select(s => s.Sum(x => x.Eligible.Count))]);

        var drawn = ImmutableArray.CreateBuilder<SampledCase>();
        var tallies = ImmutableArray.CreateBuilder<StratumTally>();
        for (var t = 0; t < teams.Count; t++)
        {
            var strata = strataByTeam[t];
            var shares = Apportion(teamShares[t], [.. strata.Select(s => s.Eligible.Count)]);
            var reserves = new List<SampledCase>();
            for (var s = 0; s < strata.Count; s++)
            {
                var stratum = strata[s];
                var order = Shuffle(stratum.Eligible, request.Seed, teams[t].Name, stratum.CaseType);
                var main = shares[s];
                var reserve = main > 0 ? Math.Min(request.Reserve, order.Count - main) : 0;
                drawn.AddRange(order.Take(main).Select(c => new SampledCase(c, Reserve: false)));
                reserves.AddRange(order.Skip(main).Take(reserve).Select(c => new SampledCase(c, Reserve: true)));
                tallies.Add(new StratumTally(
                    teams[t].Name, request.ByCaseType ? stratum.CaseType : null, stratum.All.Count, stratum.Recent, stratum.Twice, main, reserve));
            }

            drawn.AddRange(reserves);
        }

        return new SampleResult(drawn.ToImmutable(), tallies.ToImmutable());
    }

    /// <summary>
    /// Splits <paramref name="total"/> (capped at the weights' sum) in proportion to <paramref name="weights"/> by largest
    /// remainders, ties to the earlier weight. No share exceeds its weight.
    /// </summary>
    internal static int[] Apportion(int total, int[] weights)
    {
        var sum = weights.Sum(w => (long)w);
        var shares = new int[weights.Length];
        var target = (int)Math.Min(total, sum);
        if (target <= 0)
        {
            return shares;
        }

        var remainders = new long[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = (long)target * weights[i];
            shares[i] = (int)(exact / sum);
            remainders[i] = exact % sum;
            given += shares[i];
        }

        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(target - given))
        {
            shares[i]++;
        }

        return shares;
    }

    private sealed record TeamCases(string Name, List<CaseloadCase> Cases);

    private sealed record Stratum(string? CaseType, List<CaseloadCase> All, List<CaseloadCase> Eligible, int Recent, int Twice);

    private static List<Stratum> Strata(TeamCases team, SampleRequest request, HashSet<int> listedTwice)
    {
        var groups = request.ByCaseType
            ? team.Cases.GroupBy(c => c.CaseType ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Type: g.Key.Length == 0 ? null : g.First().CaseType, Cases: g.ToList()))
            : [(Type: (string?)null, Cases: team.Cases)];
        var strata = new List<Stratum>();
        foreach (var (type, all) in groups)
        {
            var twice = all.Count(c => listedTwice.Contains(c.Index));
            var recent = all.Count(c => !listedTwice.Contains(c.Index) && request.AuditedRecently.Contains(c.CaseRef));
            var eligible = all.Where(c => !listedTwice.Contains(c.Index) && !request.AuditedRecently.Contains(c.CaseRef)).ToList();
            strata.Add(new Stratum(type, all, eligible, recent, twice));
        }

        return strata;
    }

    /// <summary>The stratum's cases in case reference order, shuffled (Fisher-Yates) by a generator of its own.</summary>
    private static List<CaseloadCase> Shuffle(List<CaseloadCase> eligible, int seed, string team, string? caseType)
    {
        var order = eligible
            .OrderBy(c => c.CaseRef, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.CaseRef, StringComparer.Ordinal)
            .ThenBy(c => c.Index)
            .ToList();
        var random = new SynthRandom(seed, Stream(team, caseType));
        for (var i = 0; i < order.Count - 1; i++)
        {
            var j = i + random.Next(order.Count - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>A stream number from the stratum's name (lower case), so each stratum draws independently of the others.</summary>
    internal static ulong Stream(string team, string? caseType) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(team.ToLowerInvariant() + "\u001f" + (caseType ?? string.Empty).ToLowerInvariant()));
}
