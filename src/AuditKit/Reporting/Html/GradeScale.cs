using AuditKit.Templates;

namespace AuditKit.Reporting.Html;

/// <summary>The grades of a template in the order of their scale, best first.</summary>
/// <remarks>
/// Derived here until the core has one helper for the scale order (the workbook and the console need the same order; the
/// lead merges them). Grading rows are tried in order and the first match wins, so a grade placed early only to
/// override the others (Inadequate when a critical criterion is not met) takes its place on the scale from its last
/// row: for the bundled Ofsted-style rule set that is Outstanding, Good, Requires improvement, Inadequate.
/// </remarks>
internal static class GradeScale
{
    /// <param name="seen">Grades counted in the run; any the rules do not name follow, in ordinal order.</param>
    public static IReadOnlyList<string> Order(AuditTemplate template, IEnumerable<string> seen)
    {
        var lastRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var grading = template.EffectiveRules.Grading;
        for (var i = 0; i < grading.Length; i++)
        {
            lastRow[grading[i].Grade] = i;
        }

        var ordered = lastRow.OrderBy(g => g.Value).Select(g => g.Key).ToList();
        ordered.AddRange(seen.Where(g => !lastRow.ContainsKey(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return ordered;
    }
}
