using System.Collections.Immutable;

namespace AuditKit.Compliance.Trends;

/// <summary>Turns monthly outcome counts into p-chart series with signals.</summary>
public static class TrendBuilder
{
    /// <param name="criteria">Criterion ids in template order; cells for other criteria follow them, by id.</param>
    /// <param name="team">When given, only that team's series; else an all-teams series per criterion, then every team's.</param>
    /// <param name="criterion">When given, only that criterion's series.</param>
    public static TrendReport Build(
        string templateId,
        IReadOnlyList<string> criteria,
        double partlyWeight,
        IEnumerable<TrendCell> cells,
        string? team = null,
        string? criterion = null)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(cells);

        var selected = cells
            .Where(c => (team is null || c.Team == team) && (criterion is null || c.Criterion == criterion))
            .ToList();

        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
        {
            order.TryAdd(criteria[i], i);
        }

        var criterionIds = selected.Select(c => c.Criterion).Distinct()
            .OrderBy(c => order.TryGetValue(c, out var position) ? position : int.MaxValue)
            .ThenBy(c => c, StringComparer.Ordinal)
            .ToList();

        var series = ImmutableArray.CreateBuilder<TrendSeries>();
        if (team is null)
        {
            foreach (var id in criterionIds)
            {
                series.Add(Series(null, id, selected.Where(c => c.Criterion == id), partlyWeight));
            }
        }

        foreach (var teamName in selected.Select(c => c.Team).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var id in criterionIds)
            {
                var teamCells = selected.Where(c => c.Team == teamName && c.Criterion == id).ToList();
                if (teamCells.Count > 0)
                {
                    series.Add(Series(teamName, id, teamCells, partlyWeight));
                }
            }
        }

        return new TrendReport(templateId, series.ToImmutable());
    }

    private static TrendSeries Series(string? team, string criterion, IEnumerable<TrendCell> cells, double partlyWeight)
    {
        var inputs = cells
            .GroupBy(c => c.Period, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var met = g.Sum(c => c.Met);
                var partly = g.Sum(c => c.Partly);
                var notMet = g.Sum(c => c.NotMet);
                return new PChartInput(g.Key, met + (partlyWeight * partly), met + partly + notMet);
            });
        var chart = PChart.Compute(inputs);
        return new TrendSeries(team, criterion, chart.Points, chart.Centre, SpecialCauseSignals.Detect(chart));
    }
}
