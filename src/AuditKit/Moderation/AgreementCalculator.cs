using System.Collections.Immutable;
using AuditKit.Templates;

namespace AuditKit.Moderation;

/// <summary>
/// Works out an <see cref="AgreementReport"/> from a template's moderation pairs: per criterion, per first auditor and
/// for grades (see <see cref="Kappa"/> for the statistics).
/// </summary>
public static class AgreementCalculator
{
    /// <summary>The outcomes kappa is worked out over, in this order: a missing outcome leaves its pair out.</summary>
    public static ImmutableArray<Outcome> Outcomes { get; } = [Outcome.Met, Outcome.Partly, Outcome.NotMet, Outcome.NotApplicable];

    /// <summary>The ordered outcomes weighted kappa is worked out over, best first.</summary>
    private const int OrderedCount = 3;

    public static AgreementReport Calculate(AuditTemplate template, IReadOnlyList<ModerationPair> pairs, double threshold = AgreementReport.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(pairs);
        var criteria = ImmutableArray.CreateBuilder<CriterionAgreement>(template.Criteria.Length);
        for (var c = 0; c < template.Criteria.Length; c++)
        {
            criteria.Add(Criterion(template.Criteria[c], c, pairs, threshold));
        }

        return new AgreementReport(template.Id, threshold, pairs.Count, criteria.MoveToImmutable(), Auditors(pairs), Grades(template.GradeScale, pairs));
    }

    private static CriterionAgreement Criterion(CriterionDefinition criterion, int position, IReadOnlyList<ModerationPair> pairs, double threshold)
    {
        var counts = new int[Outcomes.Length, Outcomes.Length];
        foreach (var pair in pairs)
        {
            if (Index(pair.First, position) is { } i && Index(pair.Moderation, position) is { } j)
            {
                counts[i, j]++;
            }
        }

        var ordered = new int[OrderedCount, OrderedCount];
        for (var i = 0; i < OrderedCount; i++)
        {
            for (var j = 0; j < OrderedCount; j++)
            {
                ordered[i, j] = counts[i, j];
            }
        }

        var kappa = Kappa.Unweighted(counts);
        return new CriterionAgreement(
            criterion.Id,
            criterion.Text,
            Kappa.Total(counts),
            Kappa.Agreement(counts),
            kappa,
            Kappa.LinearWeighted(ordered)?.Value,
            Kappa.Total(ordered),
            Kappa.Pabak(counts),
            // Judged on kappa as reported (six decimal places): a kappa of 0.4 worked out as 0.39999999 is not below 0.4.
            kappa is { } k && Math.Round(k.Value, 6, MidpointRounding.AwayFromZero) < threshold,
            counts);
    }

    /// <summary>The outcome's place in <see cref="Outcomes"/>, or null when missing (or the audit has no such criterion).</summary>
    private static int? Index(Reporting.CaseRow row, int position)
    {
        if (position >= row.Outcomes.Length)
        {
            return null;
        }

        var outcome = row.Outcomes[position];
        return outcome == Outcome.Missing ? null : Outcomes.IndexOf(outcome);
    }

    private static ImmutableArray<AuditorAgreement> Auditors(IReadOnlyList<ModerationPair> pairs)
    {
        // One auditor however their name is spaced or capitalised, under the spelling of their first pair (by audit id).
        var byAuditor = new Dictionary<ulong, (string Name, int[] Tally)>();
        foreach (var pair in pairs.OrderBy(p => p.First.AuditId, StringComparer.Ordinal).ThenBy(p => p.Moderation.AuditId, StringComparer.Ordinal))
        {
            var key = Submissions.ModerationKeys.Of(pair.First.Auditor);
            if (!byAuditor.TryGetValue(key, out var entry))
            {
                byAuditor[key] = entry = (pair.First.Auditor.Trim(), new int[8]);
            }

            var tally = entry.Tally;
            tally[0]++;
            var n = Math.Min(pair.First.Outcomes.Length, pair.Moderation.Outcomes.Length);
            for (var c = 0; c < n; c++)
            {
                var first = pair.First.Outcomes[c];
                var moderated = pair.Moderation.Outcomes[c];
                if (first == Outcome.Missing || moderated == Outcome.Missing)
                {
                    continue;
                }

                tally[1]++;
                if (first == moderated)
                {
                    tally[2]++;
                }
                else if (first == Outcome.NotApplicable || moderated == Outcome.NotApplicable)
                {
                    tally[5]++;
                }
                else
                {
                    // Met, Partly, NotMet are declared best first.
                    tally[first < moderated ? 3 : 4]++;
                }
            }

            if (pair.First.Grade is { } g1 && pair.Moderation.Grade is { } g2)
            {
                tally[6]++;
                if (string.Equals(g1, g2, StringComparison.Ordinal))
                {
                    tally[7]++;
                }
            }
        }

        return
        [
            .. byAuditor.Values
                .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new AuditorAgreement(e.Name, e.Tally[0], e.Tally[1], e.Tally[2], e.Tally[3], e.Tally[4], e.Tally[5], e.Tally[6], e.Tally[7])),
        ];
    }

    private static GradeAgreement Grades(GradeScale scale, IReadOnlyList<ModerationPair> pairs)
    {
        var graded = pairs.Where(p => p.First.Grade is not null && p.Moderation.Grade is not null).ToList();
        var grades = scale.WithOthers(graded.SelectMany(p => new[] { p.First.Grade!, p.Moderation.Grade! }));
        var counts = new int[grades.Count, grades.Count];
        int more = 0, less = 0;
        foreach (var pair in graded)
        {
            var i = IndexOf(grades, pair.First.Grade!);
            var j = IndexOf(grades, pair.Moderation.Grade!);
            counts[i, j]++;
            if (i < j)
            {
                more++;
            }
            else if (i > j)
            {
                less++;
            }
        }

        return new GradeAgreement([.. grades], counts, graded.Count, Kappa.Agreement(counts), Kappa.LinearWeighted(counts)?.Value, more, less);
    }

    private static int IndexOf(IReadOnlyList<string> grades, string grade)
    {
        for (var i = 0; i < grades.Count; i++)
        {
            if (string.Equals(grades[i], grade, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Every grade given is on the list worked out from them.");
    }
}
