using System.Collections.Immutable;
using AuditKit.Reporting;
using AuditKit.Templates;

namespace AuditKit.Compliance.Standards;

/// <summary>
/// Rolls up the standards that several templates share (a criterion's <c>standard:</c>) over the periods of a report:
/// for each standard carried by criteria of two or more of the templates, the outcomes of those criteria on every audit
/// of those templates, per period and overall, per carrying criterion and per team. Compliance is contract 3's
/// (met + partly_weight x partly) / (met + partly + not met), each criterion's partly counted with its own template's
/// weight, and its Wilson interval takes n = met + partly + not met.
/// </summary>
public static class StandardRollup
{
    /// <summary>The roll-up; <see cref="StandardsReport.Standards"/> is empty when the templates share no standard.</summary>
    /// <param name="sources">Templates (each once), in any order: the report lists them by id.</param>
    /// <param name="team">The team the sources' audits were narrowed to, or null; stated in the report.</param>
    public static StandardsReport Build(IReadOnlyList<StandardSource> sources, ReportPeriods periods, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(periods);
        var ordered = sources.OrderBy(s => s.TemplateId, StringComparer.Ordinal).ToList();
        if (ordered.Select(s => s.TemplateId).Distinct(StringComparer.Ordinal).Count() != ordered.Count)
        {
            throw new ArgumentException("Each template may be given once.", nameof(sources));
        }

        var names = new List<ReportingPeriod>();
        for (var p = periods.From; p.CompareTo(periods.To) <= 0; p = p.Next)
        {
            names.Add(p);
        }

        var standards = new SortedDictionary<string, Standard>(StringComparer.Ordinal);
        foreach (var id in Shared(ordered))
        {
            standards.Add(id, new Standard(names.Count));
        }

        foreach (var source in ordered)
        {
            Add(source, standards, names);
        }

        return new StandardsReport(
            periods,
            team,
            [.. ordered.Select(s => new StandardTemplate(s.TemplateId, s.Version, s.Title, s.PartlyWeight, s.Cases.Count))],
            [.. standards.Select(s => s.Value.Summarise(s.Key, names))]);
    }

    /// <summary>The standards carried by criteria of at least two of the templates, by id.</summary>
    public static ImmutableArray<string> Shared(IEnumerable<StandardSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return
        [
            .. sources
                .SelectMany(s => s.Criteria.Select(c => c.Standard).OfType<string>().Distinct(StringComparer.Ordinal))
                .GroupBy(id => id, StringComparer.Ordinal)
                .Where(g => g.Count() >= 2)
                .Select(g => g.Key)
                .Order(StringComparer.Ordinal),
        ];
    }

    private static void Add(StandardSource source, SortedDictionary<string, Standard> standards, List<ReportingPeriod> periods)
    {
        // The criteria of this template that carry a shared standard, by position.
        var carriers = new List<(int Position, Standard Standard, Carrier Carrier)>();
        for (var i = 0; i < source.Criteria.Length; i++)
        {
            var criterion = source.Criteria[i];
            if (criterion.Standard is { } id && standards.TryGetValue(id, out var standard))
            {
                var carrier = new Carrier(source.TemplateId, criterion.Id, source.PartlyWeight, criterion.Target);
                standard.Carriers.Add(carrier);
                carriers.Add((i, standard, carrier));
            }
        }

        if (carriers.Count == 0)
        {
            return;
        }

        var first = periods[0];
        foreach (var row in source.Cases)
        {
            if (row.Outcomes.Length != source.Criteria.Length)
            {
                throw new ArgumentException(
                    $"Audit '{row.AuditId}' has {row.Outcomes.Length} outcomes; template '{source.TemplateId}' has {source.Criteria.Length} criteria.",
                    nameof(source));
            }

            var period = PeriodIndex(ReportingPeriod.Of(row.AuditDate, first.Length), first);
            if (period < 0 || period >= periods.Count)
            {
                throw new ArgumentException($"Audit '{row.AuditId}' is dated outside the report's periods.", nameof(source));
            }

            var team = row.Team.Trim();
            foreach (var (position, standard, carrier) in carriers)
            {
                var one = One(row.Outcomes[position], source.PartlyWeight);
                carrier.Figures += one;
                standard.Add(team, period, one);
            }
        }
    }

    /// <summary>How many periods after <paramref name="first"/> the period is (negative before it).</summary>
    private static int PeriodIndex(ReportingPeriod period, ReportingPeriod first) =>
        period.Length == PeriodLength.Quarter
            ? ((period.Year - first.Year) * 4) + period.Number - first.Number
            : ((period.Year - first.Year) * 12) + period.Number - first.Number;

    /// <summary>One outcome as figures.</summary>
    private static StandardFigures One(Outcome outcome, double partlyWeight) => outcome switch
    {
        Outcome.Met => new StandardFigures(1, 0, 0, 0, 0, 1),
        Outcome.Partly => new StandardFigures(0, 1, 0, 0, 0, partlyWeight),
        Outcome.NotMet => new StandardFigures(0, 0, 1, 0, 0, 0),
        Outcome.NotApplicable => new StandardFigures(0, 0, 0, 1, 0, 0),
        Outcome.Missing => new StandardFigures(0, 0, 0, 0, 1, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an outcome."),
    };

    private sealed class Carrier(string template, string criterion, double partlyWeight, double target)
    {
        public StandardFigures Figures { get; set; }

        public StandardCarrier ToSummary() => new(template, criterion, partlyWeight, target, Figures);
    }

    /// <summary>A standard's counters while audits are added: overall, per period, per team and period.</summary>
    private sealed class Standard(int periods)
    {
        private readonly StandardFigures[] _periods = new StandardFigures[periods];
        private readonly Dictionary<string, StandardFigures[]> _teams = new(StringComparer.Ordinal);

        public List<Carrier> Carriers { get; } = [];

        public void Add(string team, int period, StandardFigures one)
        {
            _periods[period] += one;
            if (!_teams.TryGetValue(team, out var byPeriod))
            {
                _teams.Add(team, byPeriod = new StandardFigures[_periods.Length]);
            }

            byPeriod[period] += one;
        }

        public StandardSummary Summarise(string id, List<ReportingPeriod> periods) => new(
            id,
            [.. Carriers.Select(c => c.ToSummary())],
            Sum(_periods),
            ByPeriod(_periods, periods),
            [.. _teams.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TeamStandardFigures(t.Key, Sum(t.Value), ByPeriod(t.Value, periods)))]);

        private static StandardFigures Sum(StandardFigures[] figures)
        {
            var total = default(StandardFigures);
            foreach (var f in figures)
            {
                total += f;
            }

            return total;
        }

        private static ImmutableArray<PeriodStandardFigures> ByPeriod(StandardFigures[] figures, List<ReportingPeriod> periods) =>
            [.. periods.Select((p, i) => new PeriodStandardFigures(p.Name, figures[i]))];
    }
}
