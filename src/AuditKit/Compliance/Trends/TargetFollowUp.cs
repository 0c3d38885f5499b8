using System.Globalization;

namespace AuditKit.Compliance.Trends;

/// <summary>Whether a team reached its target on a criterion in the months after an action was raised.</summary>
public static class TargetFollowUp
{
    public const string NoLaterAudits = "no later audits";

    public const string NotYet = "not yet";

    /// <summary>
    /// Looks at the months strictly after the month of <paramref name="raised"/>, in order: the first whose compliance is
    /// at or above <paramref name="target"/> gives "reached target in yyyy-MM"; months with compliance but none at target
    /// give "not yet"; no such month gives "no later audits".
    /// </summary>
    /// <param name="monthly">Compliance by month (<c>yyyy-MM</c>); months without compliance (null) are ignored.</param>
    public static string Describe(DateOnly raised, double target, IEnumerable<KeyValuePair<string, double?>> monthly)
    {
        ArgumentNullException.ThrowIfNull(monthly);
        var raisedMonth = raised.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var later = monthly
            .Where(m => m.Value is not null && string.CompareOrdinal(m.Key, raisedMonth) > 0)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();
        if (later.Count == 0)
        {
            return NoLaterAudits;
        }

        // The same tolerance as RAG rating, so that 4/5 counts as reaching 0.8.
        var reached = later.FirstOrDefault(m => m.Value + 1e-9 >= target);
        return reached.Key is null ? NotYet : "reached target in " + reached.Key;
    }
}
