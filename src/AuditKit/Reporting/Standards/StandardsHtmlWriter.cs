using System.Globalization;
using System.Net;
using System.Text;
using AuditKit.Compliance.Standards;
using AuditKit.Reporting.Html;
using AuditKit.Templates;

namespace AuditKit.Reporting.Standards;

/// <summary>
/// Writes <c>standards.html</c>: the standards several templates share, rolled up over a report's periods, as one
/// self-contained page in the look of <c>report.html</c> (its style sheet, no scripts or outside links). A summary table of
/// every standard, then for each standard the criteria that carry it and its figures by team and period. A figure on fewer
/// than <see cref="HtmlReportOptions.ProvisionalBelow"/> cases is marked provisional, as in <c>report.html</c>.
/// </summary>
public static class StandardsHtmlWriter
{
    public static void Write(StandardsReport report, TextWriter output, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(new Page(report, (options ?? HtmlReportOptions.Default).ProvisionalBelow).Render());
    }

    private sealed class Page(StandardsReport report, int provisionalBelow)
    {
        private readonly StringBuilder _html = new(64 * 1024);

        public string Render()
        {
            var title = "Standards across templates, " + report.Period;
            _html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n")
                .Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"subtitle\">The standards that several audit templates share, rolled up</p>\n");
            AppendMeta();
            _html.Append("</header>\n<main>\n");
            AppendMethod();
            AppendSummary();
            foreach (var standard in report.Standards)
            {
                AppendStandard(standard);
            }

            _html.Append("</main>\n</body>\n</html>\n");
            return _html.ToString();
        }

        private void AppendMeta()
        {
            _html.Append("<dl class=\"meta\">\n<dt>Reported period</dt><dd>").Append(E(report.Period.ToString()))
                .Append(": every audit the history store holds for it, whichever runs recorded them</dd>\n");
            if (report.Team is { } team)
            {
                _html.Append("<dt>Team</dt><dd>").Append(E(team)).Append("</dd>\n");
            }

            _html.Append("<dt>Templates</dt><dd><ul class=\"plain\">\n");
            foreach (var template in report.Templates)
            {
                _html.Append("<li>").Append(E(template.Title)).Append(" (<code>").Append(E(template.Id)).Append("</code>, version ")
                    .Append(N(template.Version)).Append("): ").Append(Count(template.Audits, "audit")).Append("</li>\n");
            }

            _html.Append("</ul></dd>\n<dt>Standards</dt><dd>").Append(Count(report.Standards.Length, "standard"))
                .Append(" shared by two or more of these templates</dd>\n</dl>\n");
        }

        private void AppendMethod()
        {
            _html.Append("<section id=\"method\" aria-labelledby=\"method-h\">\n<h2 id=\"method-h\">How the figures are worked out</h2>\n")
                .Append("<p>A standard is what criteria of different templates measure alike: each template gives it to one of its criteria ")
                .Append("(the criterion's <code>standard</code>). A standard's figures count the outcomes of every criterion that carries it, ")
                .Append("on every audit of its template dated in the period.</p>\n")
                .Append("<p>Compliance = (Met + partly weight &times; Partly) / n, where n = Met + Partly + Not met (not applicable and ")
                .Append("missing answers are left out) and each Partly counts with the partly weight of its own template. The range is the ")
                .Append("95% Wilson score interval. There is no RAG: each template sets its own target, given with each criterion below. ")
                .Append("A figure on fewer than ").Append(N(provisionalBelow)).Append(" cases is provisional, marked &#8224;.</p>\n</section>\n");
        }

        private void AppendSummary()
        {
            _html.Append("<section id=\"standards\" aria-labelledby=\"standards-h\">\n<h2 id=\"standards-h\">Standards</h2>\n")
                .Append("<table>\n<colgroup><col style=\"width: 24%\"><col style=\"width: 46%\"><col><col><col></colgroup>\n")
                .Append("<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Carried by</th><th scope=\"col\" class=\"num\">n</th>")
                .Append("<th scope=\"col\" class=\"num\">Compliance</th><th scope=\"col\" class=\"num\">95% interval</th></tr></thead>\n<tbody>\n");
            foreach (var standard in report.Standards)
            {
                _html.Append("<tr><th scope=\"row\"><a href=\"#s-").Append(E(standard.Id)).Append("\"><code>").Append(E(standard.Id)).Append("</code></a></th><td>");
                for (var i = 0; i < standard.CarriedBy.Length; i++)
                {
                    var carrier = standard.CarriedBy[i];
                    _html.Append(i == 0 ? string.Empty : "<br>").Append("<code>").Append(E(carrier.Template)).Append("</code>: <code>")
                        .Append(E(carrier.Criterion)).Append("</code>");
                }

                _html.Append("</td>");
                AppendFigureCells(standard.Overall);
                _html.Append("</tr>\n");
            }

            _html.Append("</tbody>\n</table>\n</section>\n");
        }

        private void AppendStandard(StandardSummary standard)
        {
            var id = "s-" + standard.Id;
            _html.Append("<section id=\"").Append(E(id)).Append("\" aria-labelledby=\"").Append(E(id)).Append("-h\">\n<h2 id=\"").Append(E(id))
                .Append("-h\">Standard <code>").Append(E(standard.Id)).Append("</code></h2>\n")
                .Append("<table>\n<caption>Criteria that carry it, over the whole period</caption>\n")
                .Append("<colgroup><col style=\"width: 22%\"><col style=\"width: 22%\"><col><col><col><col><col><col style=\"width: 11%\"><col style=\"width: 14%\"></colgroup>\n<thead><tr><th scope=\"col\">Template</th>")
                .Append("<th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Met</th>")
                .Append("<th scope=\"col\" class=\"num\">Partly</th><th scope=\"col\" class=\"num\">Not met</th><th scope=\"col\" class=\"num\">n</th>")
                .Append("<th scope=\"col\" class=\"num\">Compliance</th><th scope=\"col\" class=\"num\">95% interval</th></tr></thead>\n<tbody>\n");
            foreach (var carrier in standard.CarriedBy)
            {
                _html.Append("<tr><td><code>").Append(E(carrier.Template)).Append("</code></td><th scope=\"row\"><code>").Append(E(carrier.Criterion))
                    .Append("</code></th><td class=\"num\">").Append(E(Pct(carrier.Target))).Append("</td>");
                AppendCountCells(carrier.Figures);
                AppendFigureCells(carrier.Figures);
                _html.Append("</tr>\n");
            }

            _html.Append("<tr class=\"total\"><th scope=\"row\" colspan=\"3\">All of them</th>");
            AppendCountCells(standard.Overall);
            AppendFigureCells(standard.Overall);
            _html.Append("</tr>\n</tbody>\n</table>\n");

            _html.Append("<div class=\"scroll\">\n<table class=\"matrix\">\n<caption>Compliance by team and period (n below each figure)</caption>\n")
                .Append("<thead><tr><th scope=\"col\">Team</th>");
            foreach (var period in standard.Periods)
            {
                _html.Append("<th scope=\"col\">").Append(E(period.Period)).Append("</th>");
            }

            _html.Append("<th scope=\"col\">Whole period</th></tr></thead>\n<tbody>\n<tr class=\"total\"><th scope=\"row\">All teams</th>");
            foreach (var period in standard.Periods)
            {
                AppendMatrixCell(period.Figures);
            }

            AppendMatrixCell(standard.Overall);
            _html.Append("</tr>\n");
            foreach (var team in standard.Teams)
            {
                _html.Append("<tr><th scope=\"row\">").Append(E(team.Team)).Append("</th>");
                foreach (var period in team.Periods)
                {
                    AppendMatrixCell(period.Figures);
                }

                AppendMatrixCell(team.Overall);
                _html.Append("</tr>\n");
            }

            _html.Append("</tbody>\n</table>\n</div>\n</section>\n");
        }

        private void AppendCountCells(StandardFigures figures) =>
            _html.Append("<td class=\"num\">").Append(N(figures.Met)).Append("</td><td class=\"num\">").Append(N(figures.Partly))
                .Append("</td><td class=\"num\">").Append(N(figures.NotMet)).Append("</td>");

        /// <summary>n, compliance (marked when provisional) and the interval, as three cells.</summary>
        private void AppendFigureCells(StandardFigures figures)
        {
            _html.Append("<td class=\"num\">").Append(N(figures.N)).Append("</td><td class=\"num").Append(IsProvisional(figures) ? " prov" : string.Empty).Append("\">")
                .Append(E(Pct(figures.Compliance)));
            AppendMark(figures);
            _html.Append("</td><td class=\"num\">").Append(figures.Interval is { } ci ? E(Pct(ci.Low) + " to " + Pct(ci.High)) : "-").Append("</td>");
        }

        private void AppendMatrixCell(StandardFigures figures)
        {
            _html.Append("<td").Append(IsProvisional(figures) ? " class=\"prov\"" : string.Empty).Append('>').Append(figures.N == 0 ? "-" : E(Pct(figures.Compliance)));
            AppendMark(figures);
            _html.Append("<span class=\"n\">n ").Append(N(figures.N)).Append("</span></td>");
        }

        private void AppendMark(StandardFigures figures)
        {
            if (IsProvisional(figures))
            {
                _html.Append(" <span class=\"mark\" title=\"provisional: fewer than ").Append(N(provisionalBelow))
                    .Append(" cases\">&#8224;<span class=\"vh\"> provisional</span></span>");
            }
        }

        private bool IsProvisional(StandardFigures figures) => figures.N > 0 && figures.N < provisionalBelow;

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string Pct(double? fraction) => ActionText.Percent(fraction);

        private static string Count(int value, string noun) => N(value) + " " + (value == 1 ? noun : noun + "s");
    }
}
