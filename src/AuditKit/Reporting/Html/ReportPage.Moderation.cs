using System.Globalization;
using AuditKit.Diagnostics;

namespace AuditKit.Reporting.Html;

/// <summary>The moderation section: agreement between first auditors and moderators, only when the report has pairs.</summary>
internal sealed partial class ReportPage
{
    private void AppendModeration()
    {
        if (_report.Agreement is not { } agreement)
        {
            return;
        }

        OpenSection("moderation");
        _html.Append("<p>").Append(Count(agreement.Pairs, "case")).Append(" of these periods were audited a second time, independently, by another auditor ")
            .Append("(moderation). Moderation audits count in no figure above. Agreement is the share of cases where both auditors gave the same outcome; ")
            .Append("kappa is that agreement beyond what chance would give (1 is full agreement, 0 no better than chance), with its 95% interval; ")
            .Append("weighted kappa gives half credit to a near miss (met against partly); PABAK corrects kappa for a criterion almost always met. ")
            .Append("A criterion whose kappa is below ").Append(Kappa(agreement.Threshold)).Append(" is flagged: ").Append(E(Messages.Moderation.Advice)).Append(".</p>\n")
            .Append("<table>\n<caption>Agreement by criterion</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Pairs</th>")
            .Append("<th scope=\"col\" class=\"num\">Agreement</th><th scope=\"col\" class=\"num\">Kappa (95% interval)</th><th scope=\"col\" class=\"num\">Weighted kappa</th>")
            .Append("<th scope=\"col\" class=\"num\">PABAK</th><th scope=\"col\">Flag</th></tr></thead>\n<tbody>\n");
        foreach (var c in agreement.Criteria)
        {
            _html.Append("<tr><th scope=\"row\">").Append(E(c.Text)).Append(" <span class=\"small\">(").Append(E(c.Id)).Append(")</span></th><td class=\"num\">")
                .Append(N(c.Pairs)).Append("</td><td class=\"num\">").Append(c.Agreement is { } a ? Pct(a) : "-").Append("</td><td class=\"num\">")
                .Append(c.Kappa is { } k ? Kappa(k.Value) + (k.Low is { } low && k.High is { } high ? $" ({Kappa(low)} to {Kappa(high)})" : " (one pair: no interval)") : c.NoVariation ? "undefined: no variation" : "-")
                .Append("</td><td class=\"num\">").Append(c.WeightedKappa is { } w ? Kappa(w) : "-").Append("</td><td class=\"num\">")
                .Append(c.Pabak is { } p ? Kappa(p) : "-").Append("</td><td>").Append(c.Flagged ? "<strong>Rewrite the guidance</strong>" : string.Empty)
                .Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        if (agreement.Criteria.Any(c => c.NoVariation))
        {
            _html.Append("<p class=\"note\">Kappa is undefined where both auditors gave every case the same one outcome: there is no variation to agree on. ")
                .Append("Read the agreement and PABAK there.</p>\n");
        }

        _html.Append("<table>\n<caption>First auditors against their moderators</caption>\n<thead><tr><th scope=\"col\">Auditor</th>")
            .Append("<th scope=\"col\" class=\"num\">Pairs</th><th scope=\"col\" class=\"num\">Agreement</th><th scope=\"col\" class=\"num\">More favourable</th>")
            .Append("<th scope=\"col\" class=\"num\">Less favourable</th><th scope=\"col\">Direction</th></tr></thead>\n<tbody>\n");
        foreach (var auditor in agreement.Auditors)
        {
            _html.Append("<tr><th scope=\"row\">").Append(E(auditor.Auditor)).Append("</th><td class=\"num\">").Append(N(auditor.Pairs))
                .Append("</td><td class=\"num\">").Append(auditor.Agreement is { } a ? $"{Pct(a)} of {N(auditor.Compared)}" : "-")
                .Append("</td><td class=\"num\">").Append(N(auditor.MoreFavourable)).Append("</td><td class=\"num\">").Append(N(auditor.LessFavourable))
                .Append("</td><td>").Append(E(auditor.Direction ?? "-")).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n<p class=\"small\">More favourable: the first auditor found a standard better met than the moderator did; ")
            .Append("less favourable: worse.</p>\n");

        var grades = agreement.Grades;
        _html.Append("<table>\n<caption>Grades: the first audit's (rows) against the moderation's (columns), best first</caption>\n<thead><tr><th scope=\"col\">First grade</th>");
        foreach (var grade in grades.Scale)
        {
            _html.Append("<th scope=\"col\" class=\"num\">").Append(E(grade)).Append("</th>");
        }

        _html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < grades.Scale.Length; i++)
        {
            _html.Append("<tr><th scope=\"row\">").Append(E(grades.Scale[i])).Append("</th>");
            for (var j = 0; j < grades.Scale.Length; j++)
            {
                _html.Append(i == j ? "<td class=\"num\"><strong>" : "<td class=\"num\">").Append(N(grades.Counts[i, j])).Append(i == j ? "</strong></td>" : "</td>");
            }

            _html.Append("</tr>\n");
        }

        _html.Append("</tbody>\n</table>\n<p>Grades agree in ").Append(grades.Agreement is { } ga ? Pct(ga) : "-").Append(" of ").Append(Count(grades.Pairs, "pair"))
            .Append("; weighted kappa on the grade scale ").Append(grades.WeightedKappa is { } gk ? Kappa(gk) : "undefined").Append(". The first grade was better in ")
            .Append(N(grades.MoreFavourable)).Append(" and worse in ").Append(N(grades.LessFavourable)).Append(".</p>\n");
        CloseSection();
    }

    private static string Kappa(double value) =>
        (Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.0).ToString("0.00", CultureInfo.InvariantCulture);
}
