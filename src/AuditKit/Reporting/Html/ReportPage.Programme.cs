using AuditKit.Programme;

namespace AuditKit.Reporting.Html;

/// <summary>The audit programme section: per round and period, audits expected, done, late, due and not done.</summary>
internal sealed partial class ReportPage
{
    private void AppendProgramme()
    {
        if (_report.Programme is not { } programme)
        {
            return;
        }

        OpenSection("programme");
        _html.Append("<p>").Append(E(programme.Programme.Title)).Append(" (<code>").Append(E(programme.Programme.Id)).Append("</code>), from the audits and samples ")
            .Append("in the history store. <em>Done</em>: expected audits done within their period; <em>late</em>: done after it ended; ")
            .Append("<em>due</em>: still to do in a period not yet ended; <em>not done</em>: missing from a period that has ended. Moderation audits are not counted.</p>\n");
        foreach (var round in programme.Rounds)
        {
            _html.Append("<table>\n<caption>").Append(E(round.Round.Title)).Append(" (<code>").Append(E(round.Round.TemplateId)).Append("</code>, ")
                .Append(E(round.Round.Sampled ? "sampled cases" : round.Round.Period.ToString().ToLowerInvariant())).Append(")</caption>\n")
                .Append("<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Who</th>");
            foreach (var heading in new[] { "Expected", "Audits", "Done", "Late", "Due", "Not done" })
            {
                _html.Append("<th scope=\"col\" class=\"num\">").Append(heading).Append("</th>");
            }

            _html.Append("</tr></thead>\n<tbody>\n");
            if (round.Periods.IsEmpty)
            {
                _html.Append("<tr><td colspan=\"8\">No period of this round falls in the reported period.</td></tr>\n");
            }

            foreach (var period in round.Periods)
            {
                var label = period.Period.Label + (period.Ended ? string.Empty : " (current)");
                AppendProgrammeRow(label, AllTeams, period.Service);
                foreach (var auditor in period.Auditors)
                {
                    AppendProgrammeRow(label, "Auditor: " + auditor.Name, auditor.Tally);
                }

                foreach (var team in period.Teams)
                {
                    AppendProgrammeRow(label, "Team: " + team.Name, team.Tally);
                }
            }

            _html.Append("</tbody>\n</table>\n");
        }

        CloseSection();
    }

    private void AppendProgrammeRow(string period, string who, Tally tally)
    {
        _html.Append("<tr><td>").Append(E(period)).Append("</td><th scope=\"row\">").Append(E(who)).Append("</th><td class=\"num\">")
            .Append(tally.Expected is { } expected ? N(expected) : "-").Append("</td>");
        foreach (var value in new[] { tally.Audits, tally.Done, tally.Late, tally.Due, tally.NotDone })
        {
            _html.Append("<td class=\"num\">").Append(N(value)).Append("</td>");
        }

        _html.Append("</tr>\n");
    }
}
