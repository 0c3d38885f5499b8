using AuditKit.Reporting.Html;

namespace AuditKit.Reporting;

/// <summary>
/// Writes <c>report.html</c>, a board pack: one self-contained page (no scripts, fonts or images from elsewhere) that
/// prints on A4 without losing a column. Period and as-of date, headlines, a note on method, the criterion x team
/// heatmap, a chart per criterion, month-by-month and service views, grades in the order of the scale, the actions
/// counted (the few most urgent listed), data quality and rejected rows. Its size grows with teams, criteria and
/// months, never with the number of audits or actions: every list that could is capped, with a count of the rest.
/// </summary>
/// <remarks>
/// A function of the report alone (and the options), so a report narrowed to one team gives that team's page.
/// </remarks>
public static class HtmlReportWriter
{
    public static void Write(RunReport report, TextWriter output, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(new ReportPage(report, options ?? HtmlReportOptions.Default).Render());
    }
}
