using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Submissions;
using AuditKit.Synthesis;

namespace AuditKit.Sampling;

/// <summary>An auditor and the team they belong to (null: of no team, so they may audit any team's cases).</summary>
public sealed record Auditor(string Name, string? Team)
{
    public bool MayAudit(string team) => Team is null || !string.Equals(Team, team, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Gives each drawn case an auditor who is not of its team, keeping the numbers even: the teams with the fewest auditors
/// allowed to audit them are served first, and each case goes to the allowed auditor with the fewest cases so far (ties
/// in an order shuffled from the seed). Main cases are shared out first, then the reserves, so the reserves never upset
/// the balance of the main sample. A case no listed auditor may audit keeps no auditor.
/// </summary>
public static class AuditorAssigner
{
    private const ulong AuditorStream = 0xA0D170125UL;

    public static SampleResult Assign(SampleResult sample, IReadOnlyList<Auditor> auditors, int seed)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(auditors);
        if (auditors.Count == 0)
        {
            return sample;
        }

        var rank = Enumerable.Range(0, auditors.Count).ToArray();
        var random = new SynthRandom(seed, AuditorStream);
        for (var i = rank.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rank[i], rank[j]) = (rank[j], rank[i]);
        }

        var load = new int[auditors.Count];
        var assigned = new string?[sample.Cases.Length];
        foreach (var reserve in new[] { false, true })
        {
            var order = Enumerable.Range(0, sample.Cases.Length)
                .Where(i => sample.Cases[i].Reserve == reserve)
                .GroupBy(i => sample.Cases[i].Case.Team, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => auditors.Count(a => a.MayAudit(g.Key)))
                .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => g);
            foreach (var i in order)
            {
                var team = sample.Cases[i].Case.Team;
                var best = -1;
                for (var a = 0; a < auditors.Count; a++)
                {
                    if (auditors[a].MayAudit(team) && (best < 0 || load[a] < load[best] || (load[a] == load[best] && rank[a] < rank[best])))
                    {
                        best = a;
                    }
                }

                if (best >= 0)
                {
                    load[best]++;
                    assigned[i] = auditors[best].Name;
                }
            }
        }

        return sample with { Cases = [.. sample.Cases.Select((c, i) => c with { Auditor = assigned[i] })] };
    }

    /// <summary>Reads an auditors list (columns <c>auditor</c> and <c>team</c>); every problem with its row.</summary>
    public static (ImmutableArray<Auditor> Auditors, ImmutableArray<RowProblem> Problems) ReadList(IEnumerable<RawRecord> records, string source)
    {
        ArgumentNullException.ThrowIfNull(records);
        var auditors = ImmutableArray.CreateBuilder<Auditor>();
        var problems = new List<RowProblem>();
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headerChecked = false;
        foreach (var record in records)
        {
            if (!headerChecked)
            {
                headerChecked = true;
                var missing = new[] { "auditor", "team" }.Where(c => !record.Header.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase))).ToList();
                foreach (var column in missing)
                {
                    problems.Add(new RowProblem(Messages.Sampling.AuditorsMissingColumnCode, true, record.Source, 0, Messages.Sampling.AuditorsMissingColumn(column)));
                }

                if (missing.Count > 0)
                {
                    return ([], [.. problems]);
                }
            }

            string? Cell(string name)
            {
                for (var i = 0; i < record.Header.Count && i < record.Cells.Length; i++)
                {
                    if (string.Equals(record.Header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return string.IsNullOrWhiteSpace(record.Cells[i]) ? null : record.Cells[i]!.Trim();
                    }
                }

                return null;
            }

            var name = Cell("auditor");
            if (name is null)
            {
                problems.Add(new RowProblem(Messages.Sampling.AuditorBlankCode, true, record.Source, record.Row, Messages.Sampling.AuditorBlank));
                continue;
            }

            if (firstRow.TryGetValue(name, out var first))
            {
                problems.Add(new RowProblem(Messages.Sampling.AuditorTwiceCode, false, record.Source, record.Row, Messages.Sampling.AuditorTwice(first)));
                continue;
            }

            firstRow[name] = record.Row;
            auditors.Add(new Auditor(name, Cell("team")));
        }

        if (auditors.Count == 0 && !problems.Exists(p => p.IsError))
        {
            problems.Add(new RowProblem(Messages.Sampling.NoAuditorsCode, true, source, 0, Messages.Sampling.NoAuditors));
        }

        return (auditors.ToImmutable(), [.. problems]);
    }
}
