using System.Globalization;
using System.Net;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (no scripts, fonts or images from elsewhere) with the
/// headline figures, a team x criterion heatmap, a bar chart per criterion against its target (inline SVG),
/// the grade distribution, the actions and data quality. RAG is always given in words as well as colour.
/// A team pack (<see cref="RunReport.Scope"/> set) says whose it is, and heads the all-teams and service figures as
/// benchmarks; its headlines and chart are the team's.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root { --green: #d4edda; --amber: #fff3cd; --red: #f8d7da; --ink: #1b1b1b; --muted: #555; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 2rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #ccc; padding-bottom: 0.2rem; }
        .meta { color: var(--muted); }
        .headline { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; padding: 0; list-style: none; }
        .headline li { border: 1px solid #bbb; border-radius: 6px; padding: 0.6rem 1rem; min-width: 9rem; }
        .headline strong { display: block; font-size: 1.5rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
        th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; vertical-align: top; }
        th { background: #eee; text-align: left; }
        td.num { text-align: right; white-space: nowrap; }
        .rag-Green { background: var(--green); }
        .rag-Amber { background: var(--amber); }
        .rag-Red { background: var(--red); }
        .rag-none { color: var(--muted); }
        .chart text { font-size: 12px; fill: var(--ink); }
        .note { color: var(--muted); font-size: 0.85rem; }
        @media print { body { margin: 0.5cm; } h2 { page-break-after: avoid; } table, figure { page-break-inside: avoid; } }
        """;

    public static void Write(RunReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var html = new StringBuilder(64 * 1024);
        var template = report.Template;
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        var heading = report.Scope is { } scope ? $"{template.Title}: {scope.Team}" : template.Title;
        html.Append("<title>").Append(E(heading)).Append(" - compliance report</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(heading)).Append("</h1>\n");
        html.Append("<p class=\"meta\">Template ").Append(E(template.Id)).Append(" version ")
            .Append(template.Version.ToString(CultureInfo.InvariantCulture)).Append(", as of ").Append(IsoDate.Format(report.AsOf)).Append(".</p>\n");
        if (report.Scope is { } team)
        {
            html.Append("<p class=\"meta\">The pack for ").Append(E(team.Team)).Append(": this team's audits, cases and actions. ")
                .Append(E(BenchmarkNames(report))).Append(" are benchmarks: figures across the run that name no other team's cases.</p>\n");
        }

        AppendHeadline(html, report);
        AppendHeatmap(html, report);
        AppendChart(html, report);
        AppendGrades(html, report);
        AppendActions(html, report, output);
        AppendDataQuality(html, report);
        AppendRejected(html, report);

        html.Append("</main>\n</body>\n</html>\n");
        Flush(html, output);
    }

    /// <summary>Writes what has been built so far, so that a long actions table is never held whole in memory.</summary>
    private static void Flush(StringBuilder html, TextWriter output)
    {
        output.Write(html);
        html.Clear();
    }

    private static void AppendHeadline(StringBuilder html, RunReport report)
    {
        var overall = report.Focus;
        var criteriaBelow = overall.Criteria.Count(c => c.Rag is Rag.Red or Rag.Amber);

        html.Append("<h2>Headlines</h2>\n<ul class=\"headline\">\n");
        Headline(html, "Audits accepted", report.Submissions.Accepted.ToString(CultureInfo.InvariantCulture));
        Headline(html, "Rows rejected", report.Submissions.Rejected.ToString(CultureInfo.InvariantCulture));
        if (report.Scope is null)
        {
            Headline(html, "Teams", report.Compliance.Teams.Length.ToString(CultureInfo.InvariantCulture));
        }

        Headline(html, "Criteria below target", $"{criteriaBelow} of {overall.Criteria.Length}");
        Headline(html, "Follow-up actions", report.Actions.Count.ToString(CultureInfo.InvariantCulture));
        if (overall.Agreement.Rate is { } rate)
        {
            Headline(html, "Auditor agrees with grade", ActionText.Percent(rate));
        }

        html.Append("</ul>\n");
    }

    private static void Headline(StringBuilder html, string label, string value) =>
        html.Append("<li>").Append(E(label)).Append("<strong>").Append(E(value)).Append("</strong></li>\n");

    private static void AppendHeatmap(StringBuilder html, RunReport report)
    {
        var teams = report.Compliance.Teams;
        html.Append("<h2>Compliance by criterion and team</h2>\n<table>\n<caption>Compliance (n = audits where the criterion applied), with RAG against target</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Target</th>");
        foreach (var benchmark in Benchmarks(report))
        {
            html.Append("<th scope=\"col\">").Append(E(benchmark.Label)).Append("</th>");
        }

        foreach (var team in teams)
        {
            html.Append("<th scope=\"col\">").Append(E(team.Name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            html.Append("<tr><th scope=\"row\">").Append(E(criterion.Text)).Append(criterion.Critical ? " <em>(critical)</em>" : string.Empty)
                .Append("<br><span class=\"note\">").Append(E(criterion.Id)).Append("</span></th>");
            html.Append("<td class=\"num\">").Append(ActionText.Percent(criterion.Target)).Append("</td>");
            foreach (var benchmark in Benchmarks(report))
            {
                HeatCell(html, benchmark.Group.Criteria[i]);
            }

            foreach (var team in teams)
            {
                HeatCell(html, team.Criteria[i]);
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void HeatCell(StringBuilder html, CriterionStat stat)
    {
        if (stat.Compliance is not { } compliance || stat.Rag is not { } rag)
        {
            html.Append("<td class=\"num rag-none\">n/a</td>");
            return;
        }

        html.Append("<td class=\"num rag-").Append(rag).Append("\">").Append(ActionText.Percent(compliance))
            .Append(' ').Append(rag).Append("<br><span class=\"note\">n = ")
            .Append(stat.Counts.Applicable.ToString(CultureInfo.InvariantCulture)).Append("</span></td>");
    }

    private static void AppendChart(StringBuilder html, RunReport report)
    {
        const int RowHeight = 26;
        const int LabelWidth = 260;
        const int BarWidth = 400;
        var criteria = report.Focus.Criteria;
        var height = (criteria.Length * RowHeight) + 30;
        html.Append("<h2>Each criterion against its target</h2>\n<figure>\n");
        html.Append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" width=\"")
            .Append(LabelWidth + BarWidth + 260).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(LabelWidth + BarWidth + 260).Append(' ').Append(height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.Append("<title id=\"chart-title\">Compliance for each criterion ").Append(report.Scope is { } scope ? "in " + E(scope.Team) : "across all teams")
            .Append("; the black line marks the target</title>\n");
        for (var i = 0; i < criteria.Length; i++)
        {
            var stat = criteria[i];
            var y = (i * RowHeight) + 10;
            html.Append("<text x=\"0\" y=\"").Append(y + 15).Append("\">").Append(E(Shorten(stat.Id, 38))).Append("</text>\n");
            html.Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(BarWidth)
                .Append("\" height=\"18\" fill=\"#f2f2f2\" stroke=\"#bbb\"/>\n");
            if (stat.Compliance is { } compliance)
            {
                var fill = stat.Rag switch { Rag.Green => "#4c9a5b", Rag.Amber => "#d9a400", _ => "#c0392b" };
                html.Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"")
                    .Append(Px(compliance * BarWidth)).Append("\" height=\"18\" fill=\"").Append(fill).Append("\"/>\n");
            }

            var targetX = LabelWidth + (stat.Target * BarWidth);
            html.Append("<line x1=\"").Append(Px(targetX)).Append("\" x2=\"").Append(Px(targetX)).Append("\" y1=\"").Append(y - 3)
                .Append("\" y2=\"").Append(y + 21).Append("\" stroke=\"#000\" stroke-width=\"2\"/>\n");
            var label = stat.Compliance is { } c ? $"{ActionText.Percent(c)} {stat.Rag} (target {ActionText.Percent(stat.Target)})" : "n/a";
            html.Append("<text x=\"").Append(LabelWidth + BarWidth + 8).Append("\" y=\"").Append(y + 15).Append("\">").Append(E(label)).Append("</text>\n");
        }

        html.Append("</svg>\n<figcaption class=\"note\">Bars show compliance ").Append(report.Scope is { } team ? "in " + E(team.Team) : "across all teams")
            .Append("; the black line is the target. The same figures are in the table above.</figcaption>\n</figure>\n");
    }

    private static void AppendGrades(StringBuilder html, RunReport report)
    {
        var grades = report.Template.EffectiveRules.Grading.Select(g => g.Grade).Distinct(StringComparer.Ordinal).ToList();
        grades.AddRange(report.Compliance.Overall.Grades.Keys.Where(k => !grades.Contains(k, StringComparer.Ordinal)));
        html.Append("<h2>Grades</h2>\n<table>\n<caption>Grades given by the grading rules, by team</caption>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Audits</th>");
        foreach (var grade in grades)
        {
            html.Append("<th scope=\"col\">").Append(E(grade)).Append("</th>");
        }

        html.Append("<th scope=\"col\">Auditor's own grade agrees</th></tr></thead>\n<tbody>\n");
        foreach (var group in report.Compliance.Teams.Append(report.Compliance.Overall))
        {
            var name = group.Name ?? (report.Scope is null ? "All teams" : ReportScope.Benchmark("All teams"));
            html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td class=\"num\">")
                .Append(group.Audits.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var grade in grades)
            {
                html.Append("<td class=\"num\">").Append(group.Grades.GetValueOrDefault(grade).ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(group.Agreement.Rate is { } rate ? $"{ActionText.Percent(rate)} of {group.Agreement.Compared}" : "-").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendActions(StringBuilder html, RunReport report, TextWriter output)
    {
        html.Append("<h2>Follow-up actions</h2>\n");
        if (report.Actions.Count == 0)
        {
            html.Append("<p>No follow-up actions were raised.</p>\n");
            return;
        }

        html.Append("<table>\n<caption>Actions raised by this run</caption>\n<thead><tr><th scope=\"col\">Scope</th><th scope=\"col\">Team</th><th scope=\"col\">Case</th><th scope=\"col\">Criterion</th><th scope=\"col\">Action</th><th scope=\"col\">Responsibility</th><th scope=\"col\">Due</th><th scope=\"col\">Escalate to</th></tr></thead>\n<tbody>\n");
        foreach (var action in report.Actions.ToFollowUpActions())
        {
            html.Append("<tr><td>").Append(ActionScopes.Name(action.Scope)).Append("</td><td>").Append(E(action.Team ?? "-"))
                .Append("</td><td>").Append(E(action.CaseRef ?? "-")).Append("</td><td>").Append(E(action.Criterion ?? "-"))
                .Append("</td><td>").Append(E(action.Text)).Append("</td><td>").Append(E(action.Owner))
                .Append("</td><td class=\"num\">").Append(IsoDate.Format(action.Due)).Append("</td><td>").Append(E(action.EscalateTo ?? "-")).Append("</td></tr>\n");
            if (html.Length > 1 << 16)
            {
                Flush(html, output);
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendDataQuality(StringBuilder html, RunReport report)
    {
        var threshold = ActionText.Percent(report.DataQuality.Threshold);
        html.Append("<h2>Data quality</h2>\n<table>\n<caption>Blank entries per field (threshold ").Append(threshold)
            .Append(")</caption>\n<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Blank</th><th scope=\"col\">Rows</th><th scope=\"col\">Share</th><th scope=\"col\">Within threshold</th></tr></thead>\n<tbody>\n");
        foreach (var field in report.DataQuality.Fields)
        {
            var over = report.DataQuality.IsOverThreshold(field);
            html.Append("<tr><th scope=\"row\">").Append(E(field.Field)).Append("</th><td class=\"num\">").Append(field.Blank.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"num\">").Append(field.Total.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">")
                .Append(ActionText.Percent(field.Share)).Append("</td><td class=\"").Append(over ? "rag-Red\">No, over threshold" : field.Expected ? "rag-Green\">Yes" : "rag-none\">Optional field").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendRejected(StringBuilder html, RunReport report)
    {
        if (report.Rejected.IsEmpty)
        {
            return;
        }

        html.Append("<h2>Rejected rows</h2>\n<table>\n<caption>Rows that were not counted, with every reason</caption>\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Row</th><th scope=\"col\">Audit</th><th scope=\"col\">Reasons</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.Rejected)
        {
            html.Append("<tr><td>").Append(E(row.Source)).Append("</td><td class=\"num\">").Append(row.Row.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(E(row.AuditId ?? "-")).Append("</td><td>").Append(E(string.Join("; ", row.Reasons))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The columns of figures beside the teams': all teams, and in a team pack the team's service, as benchmarks.</summary>
    private static IEnumerable<(string Label, GroupSummary Group)> Benchmarks(RunReport report)
    {
        if (report.Scope is null)
        {
            yield return ("All teams", report.Compliance.Overall);
            yield break;
        }

        yield return (ReportScope.Benchmark("All teams"), report.Compliance.Overall);
        foreach (var service in report.Compliance.Services)
        {
            yield return (ReportScope.Benchmark(service.Name ?? "Service"), service);
        }
    }

    /// <summary>"All teams (benchmark) and Safeguarding (benchmark)".</summary>
    private static string BenchmarkNames(RunReport report) => FeedbackWords.List([.. Benchmarks(report).Select(b => b.Label)]);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

}
