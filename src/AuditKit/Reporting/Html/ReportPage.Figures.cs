using System.Globalization;
using AuditKit.Compliance;
using AuditKit.Templates;

namespace AuditKit.Reporting.Html;

/// <summary>The figures: headlines, the note on method, the wide tables, the charts and the grades.</summary>
internal sealed partial class ReportPage
{
    /// <summary>How many team x criterion figures the headlines name as furthest below target.</summary>
    public const int WorstFigures = 5;

    /// <summary>The month-by-month view shows this many of the latest months (the rest are in summary.json).</summary>
    public const int MonthsShown = 24;

    private void AppendHeadlines()
    {
        var overall = _report.Compliance.Overall;
        var submissions = _report.Submissions;
        var actions = _report.Actions;
        OpenSection("headlines");
        _html.Append("<ul class=\"headline\">\n");
        Headline("Audits accepted", N(submissions.Accepted), $"of {Count(submissions.Read, "row")} read; {N(submissions.Rejected)} rejected");
        var (pooled, pooledN) = Pooled(overall);
        Headline("Overall compliance", Pct(pooled), $"every criterion pooled, n {N(pooledN)}");
        var rated = overall.Criteria.Count(c => c.Rag is not null);
        var ragText = string.Join(", ", new[] { Rag.Red, Rag.Amber, Rag.Green }.Select(r => $"{N(overall.Criteria.Count(c => c.Rag == r))}\u00a0{r}"));
        var criteria = overall.Criteria.Length;
        Headline("Criteria, all teams", ragText, rated == criteria
            ? $"of {N(criteria)} {(criteria == 1 ? "criterion" : "criteria")} against their targets"
            : $"{N(criteria - rated)} of {N(criteria)} with no figure");
        var teamActions = actions.TeamAndService.Count(a => a.Scope == ActionScope.Team);
        Headline("Follow-up actions raised", N(actions.Count), $"{N(actions.Cases.Count)} case, {N(teamActions)} team, {N(actions.TeamAndService.Length - teamActions)} service");
        Headline("Teams", N(Teams.Length), HasServices ? $"in {Count(_report.Compliance.Services.Length, "service")}" : "no service given in the submissions");
        Headline(
            "Auditor's own grade agrees",
            overall.Agreement.Rate is { } rate ? Pct(rate) : "-",
            overall.Agreement.Compared == 0 ? "no auditor gave a grade" : $"of {Count(overall.Agreement.Compared, "audit")} with the auditor's grade");
        _html.Append("</ul>\n");
        AppendWorstFigures();
        CloseSection();
    }

    private void Headline(string label, string value, string detail) =>
        _html.Append("<li>").Append(E(label)).Append("<span class=\"value\">").Append(E(value)).Append("</span><span class=\"detail\">")
            .Append(E(detail)).Append("</span></li>\n");

    private void AppendWorstFigures()
    {
        var below = Teams
            .SelectMany(team => team.Criteria.Select((stat, index) => (Team: team, Stat: stat, Index: index)))
            .Where(f => f.Stat.Rag is Rag.Red or Rag.Amber && !IsProvisional(f.Stat))
            .OrderBy(f => f.Stat.Compliance!.Value - f.Stat.Target) // Rated figures have a compliance.
            .ThenBy(f => f.Team.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Index)
            .ToList();
        _html.Append("<h3>Furthest below target</h3>\n");
        if (below.Count == 0)
        {
            _html.Append("<p>No team is below target on any criterion with ").Append(N(ProvisionalBelow)).Append(" or more cases.</p>\n");
            return;
        }

        _html.Append("<table>\n<caption>The ").Append(N(Math.Min(WorstFigures, below.Count))).Append(" team figures furthest below their targets, of ")
            .Append(N(below.Count)).Append(" below target on ").Append(N(ProvisionalBelow)).Append(" or more cases</caption>\n")
            .Append("<colgroup><col style=\"width:17%\"><col style=\"width:36%\"><col style=\"width:14%\"><col style=\"width:8%\"><col style=\"width:9%\"><col style=\"width:16%\"></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Compliance</th>")
            .Append("<th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">95% interval</th></tr></thead>\n<tbody>\n");
        foreach (var (team, stat, index) in below.Take(WorstFigures))
        {
            _html.Append("<tr><th scope=\"row\">").Append(E(team.Name)).Append("</th><td>");
            AppendCriterionName(index);
            _html.Append("</td><td class=\"num rag-").Append(stat.Rag).Append("\">").Append(Pct(stat.Compliance)).Append(' ').Append(stat.Rag)
                .Append("</td><td class=\"num\">").Append(Pct(stat.Target)).Append("</td><td class=\"num\">").Append(N(stat.Counts.Applicable))
                .Append("</td><td class=\"num\">").Append(Interval(stat)).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
    }

    private void AppendMethod()
    {
        var scoring = Template.Scoring;
        var teamFigures = Teams.Sum(t => t.Criteria.Count(c => c.Compliance is not null));
        var provisional = Teams.Sum(t => t.Criteria.Count(IsProvisional));
        var weight = scoring.PartlyWeight.ToString("0.##", CultureInfo.InvariantCulture);
        var margin = (scoring.AmberMargin * 100).ToString("0.#", CultureInfo.InvariantCulture);
        OpenSection("method");
        _html.Append("<ul class=\"plain\">\n")
            .Append("<li><strong>Compliance</strong> for a criterion is (met + ").Append(weight).Append(" &times; partly) &divide; (met + partly + not met): ")
            .Append("a Partly counts as ").Append(weight).Append(" of a Met (the template's partly weight).</li>\n")
            .Append("<li><strong>n</strong>, shown with every figure, is that denominator: the audits where the criterion applied and was answered. ")
            .Append("Not applicable and missing answers are left out, as in clinical audit, so n differs from criterion to criterion.</li>\n")
            .Append("<li><strong>RAG</strong>: Green at or above the criterion's target; Amber below it by no more than ").Append(margin)
            .Append(" percentage points (the template's amber margin); Red further below. Each criterion's target is in the heatmap (the template's default is ")
            .Append(Pct(scoring.DefaultTarget)).Append("). Every colour comes with its word.</li>\n")
            .Append("<li><strong>95% interval</strong>: the Wilson score interval for the compliance with that n, drawn as the whisker on each bar; ")
            .Append("the fewer the cases, the wider it is.</li>\n")
            .Append("<li><strong>Provisional</strong> (marked &#8224; and hatched): a figure resting on fewer than ").Append(Count(ProvisionalBelow, "case"))
            .Append(" (n below ").Append(N(ProvisionalBelow)).Append("). Read it with care. Here ").Append(N(provisional)).Append(" of the ")
            .Append(N(teamFigures)).Append(" team figures are provisional.</li>\n")
            .Append("<li><strong>Overall compliance</strong> pools every criterion: the weighted met of all criteria over the sum of their n.</li>\n")
            .Append("<li><strong>Grades</strong> come from the template's grading rules (the first row that matches gives a case its grade) and are listed best first.</li>\n")
            .Append("<li><strong>Due dates</strong>: case actions fall due a number of working days after the audit date; team and service actions after the as-of date. ")
            .Append("Working days are Monday to Friday less bank holidays in England and Wales.</li>\n")
            .Append("</ul>\n");
        CloseSection();
    }

    private void AppendHeatmap()
    {
        OpenSection("heatmap", "wide");
        _html.Append("<p>Compliance for each criterion in each team, against the criterion's target. ");
        if (HasServices)
        {
            _html.Append("Teams are grouped by service. ");
        }

        _html.Append(Teams.Length > ColumnsPerTable
            ? "The table is split so that each part fits the page: every part repeats the criteria.</p>\n"
            : "</p>\n");
        AppendLegend();
        AppendMatrix(
            "Compliance by criterion and team",
            "team",
            AllTeams,
            [.. Teams.Select(t => new MatrixColumn(t.Name ?? string.Empty, HasServices ? t.Service ?? NoService : null, t))]);
        CloseSection();
    }

    private const string NoService = "No service given";

    private void AppendLegend()
    {
        _html.Append("<p class=\"legend\"><span><span class=\"chip rag-Green\"></span>Green: at or above target</span>")
            .Append("<span><span class=\"chip rag-Amber\"></span>Amber: within the amber margin below target</span>")
            .Append("<span><span class=\"chip rag-Red\"></span>Red: further below</span>")
            .Append("<span><span class=\"chip prov\"></span><span class=\"mark\">&#8224;</span> provisional: n below ").Append(N(ProvisionalBelow)).Append("</span>")
            .Append("<span>- no figure: the criterion applied to no audit</span></p>\n");
    }

    /// <summary>One column of a criterion x group table.</summary>
    /// <param name="Group">The heading over a run of columns (a team's service), or null.</param>
    private sealed record MatrixColumn(string Heading, string? Group, GroupSummary Figures);

    /// <summary>
    /// A criterion x group table, split into parts of at most <see cref="ColumnsPerTable"/> columns, as even as can be,
    /// each repeating the criterion, its target and the column for everything.
    /// </summary>
    private void AppendMatrix(string caption, string noun, string overallHeading, IReadOnlyList<MatrixColumn> columns)
    {
        var parts = (columns.Count + ColumnsPerTable - 1) / ColumnsPerTable;
        var size = parts == 0 ? 0 : (columns.Count + parts - 1) / parts;
        var overall = _report.Compliance.Overall;
        for (var start = 0; start < columns.Count || start == 0; start += Math.Max(size, 1))
        {
            var part = columns.Skip(start).Take(size).ToList();
            var span = 3 + part.Count;
            _html.Append("<div class=\"scroll\">\n<table class=\"matrix\">\n<caption>").Append(E(caption));
            if (parts > 1)
            {
                _html.Append(", ").Append(noun).Append("s ").Append(N(start + 1)).Append(" to ").Append(N(start + part.Count)).Append(" of ").Append(N(columns.Count));
            }

            _html.Append("</caption>\n<colgroup span=\"3\"><col style=\"width:26%\"><col style=\"width:6%\"><col style=\"width:8%\"></colgroup>");
            var groups = Runs(part);
            foreach (var (_, count) in groups)
            {
                _html.Append("<colgroup span=\"").Append(N(count)).Append("\"></colgroup>");
            }

            _html.Append("\n<thead>\n");
            if (part.Any(c => c.Group is not null))
            {
                _html.Append("<tr><td colspan=\"3\"></td>");
                foreach (var (group, count) in groups)
                {
                    _html.Append("<th scope=\"colgroup\" colspan=\"").Append(N(count)).Append("\" class=\"group\">").Append(E(group)).Append("</th>");
                }

                _html.Append("</tr>\n");
            }

            _html.Append("<tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\">").Append(E(overallHeading)).Append("</th>");
            foreach (var column in part)
            {
                _html.Append("<th scope=\"col\" class=\"").Append(noun).Append("\">").Append(E(column.Heading)).Append("</th>");
            }

            _html.Append("</tr>\n</thead>\n<tbody>\n<tr><th scope=\"row\">Audits</th><td></td><td class=\"num\">").Append(N(overall.Audits)).Append("</td>");
            foreach (var column in part)
            {
                _html.Append("<td class=\"num\">").Append(N(column.Figures.Audits)).Append("</td>");
            }

            _html.Append("</tr>\n</tbody>\n");
            for (var i = 0; i < Template.Criteria.Length; i++)
            {
                var criterion = Template.Criteria[i];
                if (i == 0 || !string.Equals(criterion.Section, Template.Criteria[i - 1].Section, StringComparison.Ordinal))
                {
                    _html.Append(i == 0 ? string.Empty : "</tbody>\n").Append("<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"").Append(N(span)).Append("\" class=\"sect\">")
                        .Append(E(criterion.Section)).Append("</th></tr>\n");
                }

                _html.Append("<tr><th scope=\"row\">");
                AppendCriterionName(i);
                _html.Append("</th><td class=\"num\">").Append(Pct(criterion.Target)).Append("</td>");
                MatrixCell(overall.Criteria[i]);
                foreach (var column in part)
                {
                    MatrixCell(column.Figures.Criteria[i]);
                }

                _html.Append("</tr>\n");
            }

            _html.Append(Template.Criteria.IsEmpty ? string.Empty : "</tbody>\n").Append("</table>\n</div>\n");
            if (columns.Count == 0)
            {
                break;
            }
        }
    }

    /// <summary>Runs of consecutive columns with the same group heading.</summary>
    private static List<(string Group, int Count)> Runs(List<MatrixColumn> part)
    {
        var runs = new List<(string Group, int Count)>();
        foreach (var column in part)
        {
            var group = column.Group ?? string.Empty;
            if (runs.Count > 0 && string.Equals(runs[^1].Group, group, StringComparison.Ordinal))
            {
                runs[^1] = (group, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((group, 1));
            }
        }

        return runs;
    }

    private void MatrixCell(CriterionStat stat)
    {
        if (stat.Compliance is not { } compliance || stat.Rag is not { } rag)
        {
            _html.Append("<td class=\"rag-none\">-<span class=\"vh\"> no figure</span><span class=\"n\">n ").Append(N(stat.Counts.Applicable)).Append("</span></td>");
            return;
        }

        var provisional = IsProvisional(stat);
        _html.Append("<td class=\"rag-").Append(rag).Append(provisional ? " prov" : string.Empty).Append("\">").Append(Pct(compliance))
            .Append(' ').Append(rag).Append("<span class=\"n\">n ").Append(N(stat.Counts.Applicable));
        if (provisional)
        {
            AppendProvisionalMark();
        }

        _html.Append("</span></td>");
    }

    private void AppendCharts()
    {
        OpenSection("criteria");
        _html.Append("<p>One chart per criterion: a bar for each team and for all teams together. ")
            .Append("The bar is the compliance (its colour the RAG, also given in words), the whisker the 95% interval and the black line the target. ")
            .Append("Provisional figures (&#8224;) have pale bars.</p>\n");
        var overall = _report.Compliance.Overall;
        for (var i = 0; i < Template.Criteria.Length; i++)
        {
            _html.Append("<div class=\"chart\">\n<table class=\"bars\">\n<caption>");
            AppendCriterionName(i);
            _html.Append(" <span class=\"small\">Target ").Append(Pct(Template.Criteria[i].Target)).Append("</span></caption>\n")
                .Append("<colgroup><col style=\"width:29%\"><col style=\"width:24%\"><col style=\"width:15%\"><col style=\"width:32%\"></colgroup>\n")
                .Append("<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Compliance</th><th scope=\"col\">95% interval</th><th scope=\"col\">Against target</th></tr></thead>\n<tbody>\n");
            ChartRow(AllTeams, overall.Criteria[i], total: true);
            foreach (var team in Teams)
            {
                ChartRow(team.Name ?? string.Empty, team.Criteria[i], total: false);
            }

            _html.Append("</tbody>\n</table>\n</div>\n");
        }

        CloseSection();
    }

    private void ChartRow(string name, CriterionStat stat, bool total)
    {
        _html.Append(total ? "<tr class=\"total\">" : "<tr>").Append("<th scope=\"row\">").Append(E(name)).Append("</th><td>");
        if (stat.Compliance is not { } compliance || stat.Rag is not { } rag)
        {
            _html.Append("no figure (n 0)</td><td>-</td><td></td></tr>\n");
            return;
        }

        var provisional = IsProvisional(stat);
        _html.Append(Pct(compliance)).Append(' ').Append(rag).Append(", n ").Append(N(stat.Counts.Applicable));
        if (provisional)
        {
            AppendProvisionalMark();
        }

        _html.Append("</td><td class=\"num\">").Append(Interval(stat)).Append("</td><td>")
            .Append("<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect class=\"track\" width=\"100\" height=\"10\"/><rect class=\"bar-").Append(rag).Append(provisional ? " bar-p" : string.Empty)
            .Append("\" width=\"").Append(X(compliance)).Append("\" height=\"6.5\"/>");
        if (stat.CiLow is { } low && stat.CiHigh is { } high)
        {
            _html.Append("<path class=\"ci\" d=\"M").Append(X(low)).Append(" 8.5H").Append(X(high)).Append('M').Append(X(low)).Append(" 7V10M")
                .Append(X(high)).Append(" 7V10\"/>");
        }

        _html.Append("<path class=\"target\" d=\"M").Append(X(stat.Target)).Append(" 0V10\"/></svg></td></tr>\n");
    }

    /// <summary>A fraction as a position on a bar 100 wide, kept on the bar.</summary>
    private static string X(double fraction) => Math.Round(Math.Clamp(fraction, 0, 1) * 100, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Interval(CriterionStat stat) =>
        stat.CiLow is { } low && stat.CiHigh is { } high ? $"{Pct(low)} to {Pct(high)}" : "-";

    private void AppendMonths()
    {
        var periods = _report.Compliance.Periods;
        OpenSection("months", "wide");
        _html.Append("<p>Compliance for each criterion by the month of the audit date, all teams together. ")
            .Append("A month's figures rest on that month's audits only.");
        var shown = periods.Length > MonthsShown ? periods[^MonthsShown..] : periods;
        if (shown.Length < periods.Length)
        {
            _html.Append(" The latest ").Append(N(shown.Length)).Append(" of ").Append(Count(periods.Length, "month"))
                .Append(" are shown; summary.json and the workbook's By month sheet have every month.");
        }

        _html.Append("</p>\n");
        AppendMatrix("Compliance by criterion and audit month", "month", "All months", [.. shown.Select(p => new MatrixColumn(MonthName(p.Name), null, p))]);
        CloseSection();
    }

    private void AppendServices()
    {
        var services = _report.Compliance.Services;
        OpenSection("services", "wide");
        if (!HasServices || services.IsEmpty)
        {
            _html.Append("<p>The submissions give no service for any team (the optional <code>service</code> column), so there is no service view: ")
                .Append("every figure in this report is by team or for all teams.</p>\n");
            CloseSection();
            return;
        }

        _html.Append("<p>Compliance for each criterion in each service, from the <code>service</code> column of the submissions. ")
            .Append("A team belongs to the service named on its latest audit.</p>\n");
        AppendMatrix("Compliance by criterion and service", "service", AllTeams, [.. services.Select(s => new MatrixColumn(ServiceHeading(s.Name ?? string.Empty), null, s))]);
        _html.Append("<table>\n<caption>Teams in each service</caption>\n<colgroup><col style=\"width:25%\"><col><col style=\"width:12%\"></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Teams (audits)</th><th scope=\"col\" class=\"num\">Audits</th></tr></thead>\n<tbody>\n");
        foreach (var group in Teams.GroupBy(t => t.Service))
        {
            var audits = group.Key is null ? group.Sum(t => t.Audits) : services.FirstOrDefault(s => s.Name == group.Key)?.Audits ?? group.Sum(t => t.Audits);
            _html.Append("<tr><th scope=\"row\">").Append(E(group.Key ?? NoService)).Append("</th><td>")
                .Append(string.Join(", ", group.Select(t => $"{E(t.Name)} ({N(t.Audits)})"))).Append("</td><td class=\"num\">").Append(N(audits)).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        CloseSection();
    }

    private void AppendGrades()
    {
        var overall = _report.Compliance.Overall;
        var grades = Template.GradeScale.WithOthers(Teams.SelectMany(t => t.Grades.Keys).Concat(overall.Grades.Keys));
        var anyUngraded = Teams.Append(overall).Any(g => g.Audits > g.Grades.Values.Sum());
        OpenSection("grades");
        _html.Append("<p>The grade each case received from the grading rules, best first, with the share of the team's audits. ")
            .Append("The last column compares the auditor's own grade, where one was given, with it.</p>\n")
            .Append("<table>\n<caption>Grades by team, in the order of the scale</caption>\n<colgroup><col style=\"width:18%\"><col style=\"width:12%\"></colgroup><colgroup span=\"").Append(N(grades.Count + (anyUngraded ? 1 : 0))).Append("\"></colgroup><colgroup><col style=\"width:14%\"></colgroup>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"num\">Audits</th>");
        foreach (var grade in grades)
        {
            _html.Append("<th scope=\"col\" class=\"num\">").Append(E(grade)).Append("</th>");
        }

        _html.Append(anyUngraded ? "<th scope=\"col\" class=\"num\">No grade</th>" : string.Empty)
            .Append("<th scope=\"col\" class=\"num\">Auditor's grade agrees</th></tr></thead>\n<tbody>\n");
        foreach (var group in Teams.Append(overall))
        {
            var total = group.Name is null;
            _html.Append(total ? "<tr class=\"total\">" : "<tr>").Append("<th scope=\"row\">").Append(E(group.Name ?? AllTeams))
                .Append("</th><td class=\"num\">").Append(N(group.Audits)).Append("</td>");
            foreach (var grade in grades)
            {
                GradeCell(group.Grades.GetValueOrDefault(grade), group.Audits);
            }

            if (anyUngraded)
            {
                GradeCell(group.Audits - group.Grades.Values.Sum(), group.Audits);
            }

            _html.Append("<td class=\"num\">").Append(group.Agreement.Rate is { } rate ? $"{Pct(rate)} of {N(group.Agreement.Compared)}" : "-").Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        CloseSection();
    }

    private void GradeCell(int count, int audits) =>
        _html.Append("<td class=\"num\">").Append(N(count)).Append(audits == 0 ? string.Empty : $" <span class=\"small\">({Pct((double)count / audits)})</span>").Append("</td>");
}
