using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Collections;
using AuditKit.Evaluation;
using AuditKit.Templates;

namespace AuditKit.Compliance;

/// <summary>
/// Aggregates case results into compliance per criterion: overall, per team, per service and per calendar
/// month of audit date. Streaming: it keeps counters per group, not the results, so memory does not grow
/// with the number of cases (apart from the list of grade disagreements, which is an output).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Grades count the grade each case received; a case that no grading row matched counts under no grade
/// (so <c>Audits</c> minus the sum of <c>Grades</c> is the number of ungraded cases).</item>
/// <item>Team, service and period names are compared ordinally after trimming. A case without a service
/// counts in no service group; the service groups appear only when some case gave a service.</item>
/// <item>A team's service is the one on its latest audit (by audit date, then the greatest audit id, then the
/// first service name in ordinal order), so the result does not depend on the order of the cases.</item>
/// <item>Grade agreement compares the auditor's overall grade with the derived grade, ignoring case and
/// surrounding spaces, for cases that have both.</item>
/// </list>
/// </remarks>
public sealed class ComplianceCalculator
{
    private readonly AuditTemplate _template;
    private readonly Group _overall;
    private readonly Dictionary<string, Group> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _periods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LatestService> _teamServices = new(StringComparer.Ordinal);
    private readonly List<Disagreement> _disagreements = [];
    private readonly Dictionary<int, string> _periodNames = [];

    // The audit ids and case references of the disagreements, kept out of the collector's way (see TextArena), and
    // one instance of each team, service and grade name they mention.
    private readonly TextArena _texts = new();
    private readonly NamePool _names = new();
    private DateOnly? _firstAuditDate;
    private DateOnly? _lastAuditDate;

    public ComplianceCalculator(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _overall = new Group(template.Criteria.Length);
    }

    /// <summary>How many results have been added.</summary>
    public int Count => _overall.Audits;

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Submission;
        Add(s.AuditId, s.CaseRef, s.AuditDate, s.Team, s.Service, s.OverallGrade, result.Grade, result.Outcomes.AsSpan());
    }

    /// <summary>Adds an audit evaluated earlier (a stored revision): the same figures as its result gave.</summary>
    public void Add(Reporting.CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Add(row.AuditId, row.CaseRef, row.AuditDate, row.Team, row.Service, row.AuditorGrade, row.Grade, row.Outcomes.AsSpan());
    }

    private void Add(
        string auditId, string caseRef, DateOnly auditDate, string teamName, string? serviceName, string? overallGrade, string? grade, ReadOnlySpan<Outcome> outcomes)
    {
        if (outcomes.Length != _template.Criteria.Length)
        {
            throw new ArgumentException(
                $"Audit '{auditId}' has {outcomes.Length} outcomes but template '{_template.Id}' has {_template.Criteria.Length} criteria.",
                nameof(outcomes));
        }

        var team = teamName.Trim();
        var service = string.IsNullOrWhiteSpace(serviceName) ? null : serviceName.Trim();
        var period = PeriodOf(auditDate);

        var agreement = Agreement.None;
        var derived = grade?.Trim();
        var auditorGrade = overallGrade?.Trim();
        if (!string.IsNullOrEmpty(derived) && !string.IsNullOrEmpty(auditorGrade))
        {
            agreement = string.Equals(derived, auditorGrade, StringComparison.OrdinalIgnoreCase) ? Agreement.Agreed : Agreement.Disagreed;
            if (agreement == Agreement.Disagreed)
            {
                _disagreements.Add(new Disagreement(
                    _texts.Add(auditId),
                    _texts.Add(caseRef),
                    _names.Shared(team),
                    _names.Shared(auditorGrade),
                    _names.Shared(derived),
                    service is null ? null : _names.Shared(service),
                    period));
            }
        }

        if (_firstAuditDate is not { } first || auditDate < first)
        {
            _firstAuditDate = auditDate;
        }

        if (_lastAuditDate is not { } last || auditDate > last)
        {
            _lastAuditDate = auditDate;
        }

        _overall.Add(outcomes, grade, agreement);
        GroupOf(_teams, team).Add(outcomes, grade, agreement);
        GroupOf(_periods, period).Add(outcomes, grade, agreement);
        if (service is not null)
        {
            GroupOf(_services, service).Add(outcomes, grade, agreement);
            var candidate = new LatestService(auditDate, auditId, service);
            if (!_teamServices.TryGetValue(team, out var current) || candidate.IsLaterThan(current))
            {
                _teamServices[team] = candidate;
            }
        }
    }

    /// <summary>The summary of everything added so far. May be called more than once.</summary>
    public ComplianceSummary Complete()
    {
        var disagreements = SortedDisagreements();

        return new ComplianceSummary(
            Summarise(null, null, _overall, disagreements),
            Summarise(_teams, name => _teamServices.TryGetValue(name, out var s) ? s.Service : null, disagreements, d => d.Row.Team),
            Summarise(_services, _ => null, disagreements, d => d.Service),
            Summarise(_periods, _ => null, disagreements, d => d.Period))
        {
            FirstAuditDate = _firstAuditDate,
            LastAuditDate = _lastAuditDate,
        };
    }

    private ImmutableArray<GroupSummary> Summarise(
        Dictionary<string, Group> groups,
        Func<string, string?> serviceOf,
        List<PlacedDisagreement> disagreements,
        Func<PlacedDisagreement, string?> keyOf)
    {
        // One pass over the disagreements per kind of group, not one per group: a region has thousands of them.
        var byGroup = new Dictionary<string, List<PlacedDisagreement>>(StringComparer.Ordinal);
        foreach (var disagreement in disagreements)
        {
            if (keyOf(disagreement) is not { } key)
            {
                continue;
            }

            if (!byGroup.TryGetValue(key, out var list))
            {
                list = [];
                byGroup.Add(key, list);
            }

            list.Add(disagreement);
        }

        return [.. groups.Keys.Order(StringComparer.Ordinal).Select(name =>
            Summarise(name, serviceOf(name), groups[name], byGroup.GetValueOrDefault(name) ?? []))];
    }

    private GroupSummary Summarise(string? name, string? service, Group group, IEnumerable<PlacedDisagreement> disagreements)
    {
        var scoring = _template.Scoring;
        var criteria = ImmutableArray.CreateBuilder<CriterionStat>(_template.Criteria.Length);
        for (var i = 0; i < _template.Criteria.Length; i++)
        {
            var definition = _template.Criteria[i];
            var counts = group.CountsOf(i);
            var compliance = counts.Compliance(scoring.PartlyWeight);

            // With partly weights outside [0, 1] a template could push compliance out of range: keep the interval defined.
            var interval = compliance is { } c ? WilsonInterval.Compute(Math.Clamp(c, 0, 1), counts.Applicable) : null;
            criteria.Add(new CriterionStat(
                definition.Id,
                counts,
                compliance,
                interval?.Low,
                interval?.High,
                definition.Target,
                RagRating.Rate(compliance, definition.Target, scoring.AmberMargin))
            {
                Standard = definition.Standard,
            });
        }

        return new GroupSummary(
            name,
            service,
            group.Audits,
            group.Grades.ToImmutableSortedDictionary(StringComparer.Ordinal),
            criteria.MoveToImmutable(),
            new GradeAgreement(group.Compared, group.Agreed, [.. disagreements.Select(d => d.Row)]));
    }

    /// <summary>The disagreements as rows, by audit id then case reference (ordinal), in the order added where those tie.</summary>
    private List<PlacedDisagreement> SortedDisagreements()
    {
        var order = new int[_disagreements.Count];
        var inOrder = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            inOrder = inOrder && (i == 0 || CompareDisagreements(i - 1, i) <= 0);
        }

        // Audits usually arrive in order of their ids already; then there is nothing to sort (ties keep the order added).
        if (!inOrder)
        {
            Array.Sort(order, CompareDisagreements);
        }

        var sorted = new List<PlacedDisagreement>(order.Length);
        foreach (var i in order)
        {
            var d = _disagreements[i];
            var row = new GradeDisagreement(_texts.ToString(d.AuditId), _texts.ToString(d.CaseRef), d.Team, d.AuditorGrade, d.DerivedGrade);
            sorted.Add(new PlacedDisagreement(row, d.Service, d.Period));
        }

        return sorted;
    }

    /// <summary>Disagreements <paramref name="x"/> and <paramref name="y"/> (by the order added) by audit id, case reference, then order added.</summary>
    private int CompareDisagreements(int x, int y)
    {
        var a = _disagreements[x];
        var b = _disagreements[y];
        var c = _texts[a.AuditId].SequenceCompareTo(_texts[b.AuditId]);
        if (c == 0)
        {
            c = _texts[a.CaseRef].SequenceCompareTo(_texts[b.CaseRef]);
        }

        return c != 0 ? c : x.CompareTo(y);
    }

    /// <summary>"2026-11" for any day of November 2026; one string per month rather than one per case.</summary>
    private string PeriodOf(DateOnly date)
    {
        var key = (date.Year * 12) + date.Month;
        if (!_periodNames.TryGetValue(key, out var name))
        {
            name = date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            _periodNames.Add(key, name);
        }

        return name;
    }

    private Group GroupOf(Dictionary<string, Group> groups, string name)
    {
        if (!groups.TryGetValue(name, out var group))
        {
            group = new Group(_template.Criteria.Length);
            groups.Add(name, group);
        }

        return group;
    }

    private enum Agreement
    {
        None,
        Agreed,
        Disagreed,
    }

    /// <summary>A grade disagreement as kept while results are added: the audit id and case reference are in the arena.</summary>
    private readonly record struct Disagreement(
        ArenaText AuditId,
        ArenaText CaseRef,
        string Team,
        string AuditorGrade,
        string DerivedGrade,
        string? Service,
        string Period);

    private readonly record struct PlacedDisagreement(GradeDisagreement Row, string? Service, string Period);

    private readonly record struct LatestService(DateOnly Date, string AuditId, string Service)
    {
        public bool IsLaterThan(LatestService other)
        {
            var byDate = Date.CompareTo(other.Date);
            if (byDate != 0)
            {
                return byDate > 0;
            }

            var byId = string.CompareOrdinal(AuditId, other.AuditId);
            if (byId != 0)
            {
                return byId > 0;
            }

            return string.CompareOrdinal(Service, other.Service) < 0;
        }
    }

    private sealed class Group(int criteria)
    {
        private const int Outcomes = (int)Outcome.Missing + 1;

        // Per criterion, one counter per outcome (indexed by the outcome's value): one increment per case and criterion.
        private readonly int[] _counts = new int[criteria * Outcomes];

        public Dictionary<string, int> Grades { get; } = new(StringComparer.Ordinal);

        public int Audits { get; private set; }

        public int Compared { get; private set; }

        public int Agreed { get; private set; }

        public void Add(ReadOnlySpan<Outcome> outcomes, string? grade, Agreement agreement)
        {
            Audits++;
            for (var i = 0; i < outcomes.Length; i++)
            {
                var outcome = (uint)outcomes[i];
                if (outcome >= Outcomes)
                {
                    throw new ArgumentOutOfRangeException(nameof(outcomes), outcomes[i], "Not an outcome.");
                }

                _counts[(i * Outcomes) + (int)outcome]++;
            }

            if (grade is not null)
            {
                Grades[grade] = Grades.GetValueOrDefault(grade) + 1;
            }

            if (agreement != Agreement.None)
            {
                Compared++;
                Agreed += agreement == Agreement.Agreed ? 1 : 0;
            }
        }

        public OutcomeCounts CountsOf(int criterion)
        {
            var counts = _counts.AsSpan(criterion * Outcomes, Outcomes);
            return new OutcomeCounts(
                counts[(int)Outcome.Met],
                counts[(int)Outcome.Partly],
                counts[(int)Outcome.NotMet],
                counts[(int)Outcome.NotApplicable],
                counts[(int)Outcome.Missing]);
        }
    }
}
