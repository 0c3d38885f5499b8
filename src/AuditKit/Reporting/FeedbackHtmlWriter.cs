using System.Globalization;
using System.Net;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Writes the feedback document on an audit for the practitioner and their manager: one self-contained HTML page (no
/// scripts, fonts or images from elsewhere) that prints on A4, in plain words and the template's own wording. A batch
/// of audits goes in one document with each audit starting on a new page. Each audit's part holds that case alone.
/// </summary>
/// <remarks>
/// Order of each audit: the case, the summary (grade, score, counts, critical standards), what is working well, what
/// needs to change, the actions (owner, due date, and a note when the date had passed before the action was raised),
/// every finding by section (why, the auditor's comment, what the standard expects, its action), then a collapsed
/// appendix with the rules as applied for quality assurance officers.
/// </remarks>
public static class FeedbackHtmlWriter
{
    private const string Style = """
        :root { --ink: #1b1b1b; --muted: #505a5f; --line: #b1b4b6; --met: #cce2d8; --partly: #fff1c2; --notmet: #f4cdc6; --na: #e8eaeb; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); line-height: 1.45; }
        body { margin: 0; padding: 1.5rem; }
        article.feedback { max-width: 46rem; margin: 0 auto 3rem; overflow-wrap: anywhere; }
        article.feedback + article.feedback { border-top: 3px solid var(--line); padding-top: 1.5rem; }
        h1 { font-size: 1.55rem; margin: 0.1rem 0 0.6rem; line-height: 1.2; }
        h2 { font-size: 1.2rem; margin: 1.4rem 0 0.5rem; padding-bottom: 0.15rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.1rem 0 0.3rem; color: var(--muted); }
        h4 { font-size: 1rem; margin: 0 0 0.25rem; }
        p { margin: 0.3rem 0; }
        .kicker { color: var(--muted); margin: 0; font-size: 0.95rem; }
        dl.case { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.4rem 0 0; }
        dl.case dt { font-weight: 600; }
        dl.case dd { margin: 0; }
        .summary { border: 2px solid var(--ink); padding: 0.6rem 0.9rem; margin-top: 1rem; }
        .summary p.grade { font-size: 1.15rem; }
        ul.counts { list-style: none; padding: 0; margin: 0.4rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; }
        ul { padding-left: 1.3rem; margin: 0.3rem 0; }
        li { margin: 0.15rem 0; }
        .badge { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--ink); border-radius: 3px; font-weight: 600; font-size: 0.85rem; white-space: nowrap; }
        .b-met { background: var(--met); } .b-partly { background: var(--partly); } .b-notmet { background: var(--notmet); }
        .b-na, .b-missing { background: var(--na); }
        .critical { font-weight: 600; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4rem 0; font-size: 0.92rem; }
        caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
        th { background: #f3f2f1; }
        col.who { width: 22%; } col.due { width: 19%; }
        .finding { border-left: 6px solid var(--na); padding: 0.35rem 0 0.35rem 0.7rem; margin: 0.6rem 0; break-inside: avoid; }
        .finding.o-met { border-left-color: #00703c; } .finding.o-partly { border-left-color: #b58800; } .finding.o-notmet { border-left-color: #d4351c; }
        .label { font-weight: 600; }
        blockquote.comment { margin: 0.3rem 0; padding: 0.2rem 0.6rem; background: #f3f2f1; border-left: 3px solid var(--muted); }
        .guidance { color: var(--muted); font-size: 0.92rem; }
        details { margin: 0.2rem 0; }
        summary { cursor: pointer; color: var(--muted); }
        .appendix { margin-top: 1.4rem; border-top: 1px solid var(--line); padding-top: 0.4rem; }
        .appendix code { font-size: 0.82rem; }
        .provenance { color: var(--muted); font-size: 0.85rem; margin-top: 0.5rem; }
        @page { size: A4 portrait; margin: 14mm 15mm 14mm 15mm; }
        @media print {
          html { font-size: 10pt; }
          body { padding: 0; }
          article.feedback { max-width: none; margin: 0; }
          article.feedback + article.feedback { break-before: page; border-top: 0; padding-top: 0; }
          h2, h3, h4 { break-after: avoid; }
          tr, .summary, blockquote { break-inside: avoid; }
          details:not([open]) { display: none; }
        }
        """;

    /// <summary>Writes one document holding <paramref name="cases"/> (one or more), each starting on a new printed page.</summary>
    public static void Write(IReadOnlyList<CaseFeedback> cases, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(output);
        if (cases.Count == 0)
        {
            throw new ArgumentException("A feedback document needs at least one audit.", nameof(cases));
        }

        var html = new StringBuilder(32 * 1024);
        var first = cases[0];
        var title = cases.Count == 1
            ? $"Audit feedback: case {first.Submission.CaseRef} ({first.Submission.AuditId})"
            : $"Audit feedback: {first.Template.Title}, {cases.Count.ToString(CultureInfo.InvariantCulture)} audits";
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"robots\" content=\"noindex\">\n");
        html.Append("<title>").Append(E(title)).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        for (var n = 0; n < cases.Count; n++)
        {
            AppendCase(html, cases[n], n + 1);
            output.Write(html);
            html.Clear();
        }

        html.Append("</main>\n</body>\n</html>\n");
        output.Write(html);
    }

    private static void AppendCase(StringBuilder html, CaseFeedback feedback, int number)
    {
        var s = feedback.Submission;
        var id = "audit-" + number.ToString(CultureInfo.InvariantCulture);
        html.Append("<article class=\"feedback\" aria-labelledby=\"").Append(id).Append("-title\">\n<header>\n");
        html.Append("<p class=\"kicker\">Case audit feedback: ").Append(E(feedback.Template.Title)).Append("</p>\n");
        html.Append("<h1 id=\"").Append(id).Append("-title\">Case ").Append(E(s.CaseRef)).Append("</h1>\n<dl class=\"case\">\n");
        Term(html, "Practitioner", s.Practitioner ?? "Not recorded on the audit");
        Term(html, "Team", s.Service is null ? s.Team : $"{s.Team} ({s.Service})");
        Term(html, "Case type", FeedbackWords.CaseType(s.CaseType));
        Term(html, "Audited", $"{FeedbackWords.Date(s.AuditDate)} by {s.Auditor}");
        Term(html, "Audit", s.AuditId);
        html.Append("</dl>\n<p class=\"provenance\">Made by AuditKit on ").Append(FeedbackWords.Date(feedback.RaisedOn)).Append(" from the audit template ")
            .Append(E(feedback.Template.Id)).Append(" version ").Append(feedback.Template.Version.ToString(CultureInfo.InvariantCulture))
            .Append(". It is about a child's case file: keep and share it as your service's information rules say.</p>\n</header>\n");

        AppendSummary(html, feedback);
        AppendWorkingWell(html, feedback);
        AppendToChange(html, feedback);
        AppendActions(html, feedback);
        AppendFindings(html, feedback, id);
        AppendAppendix(html, feedback);
        html.Append("</article>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static void AppendSummary(StringBuilder html, CaseFeedback feedback)
    {
        var result = feedback.Result;
        var s = feedback.Submission;
        html.Append("<section class=\"summary\" aria-label=\"Summary of audit ").Append(E(s.AuditId)).Append("\">\n<p class=\"grade\">Grade: <strong>")
            .Append(E(result.Grade ?? "not graded")).Append("</strong></p>\n");
        if (result.Grade is null)
        {
            html.Append("<p>No grade: nothing on this audit could be scored.</p>\n");
        }

        if (s.OverallGrade is { } own)
        {
            var same = result.Grade is not null && string.Equals(own.Trim(), result.Grade.Trim(), StringComparison.OrdinalIgnoreCase);
            html.Append("<p>The auditor's own grade: <strong>").Append(E(own)).Append("</strong>")
                .Append(result.Grade is null ? "." : same ? ", the same." : ", which differs from the grade the audit's rules give.").Append("</p>\n");
        }

        var weight = feedback.Template.Scoring.PartlyWeight;
        var partly = weight == 0.5 ? "a standard partly met counts as half" : $"a standard partly met counts as {weight.ToString("0.##", CultureInfo.InvariantCulture)} of one met";
        html.Append("<p>Score: <strong>").Append(result.Score is { } score ? ActionText.Percent(score) : "none").Append("</strong>")
            .Append(result.Score is null ? " (no standard that applied could be scored)." : $" of the standards that applied ({partly}).").Append("</p>\n");
        var c = result.Counts;
        html.Append("<ul class=\"counts\" aria-label=\"Standards by outcome\">");
        Count(html, "met", "Met", c.Met);
        Count(html, "partly", "Partly met", c.Partly);
        Count(html, "notmet", "Not met", c.NotMet);
        Count(html, "na", "Does not apply", c.NotApplicable);
        if (c.Missing > 0)
        {
            Count(html, "missing", "Not scored", c.Missing);
        }

        html.Append("</ul>\n");
        var critical = Enumerable.Range(0, feedback.Template.Criteria.Length).Where(i => feedback.Template.Criteria[i].Critical).ToList();
        if (critical.Count > 0)
        {
            var notMet = critical.Where(i => feedback.Findings[i].Outcome == Outcome.NotMet).ToList();
            var applied = critical.Count(i => feedback.Findings[i].Outcome is Outcome.Met or Outcome.Partly or Outcome.NotMet);
            html.Append("<p>");
            if (notMet.Count == 0)
            {
                var allMet = critical.All(i => feedback.Findings[i].Outcome != Outcome.Partly);
                html.Append(applied == 0
                    ? "No critical standard applied to this case."
                    : $"Every critical standard that applied ({applied.ToString(CultureInfo.InvariantCulture)}) was {(allMet ? "met" : "at least partly met")}.");
            }
            else
            {
                html.Append("<span class=\"critical\">").Append(notMet.Count == 1 ? "A critical standard was" : $"{notMet.Count.ToString(CultureInfo.InvariantCulture)} critical standards were")
                    .Append(" not met</span>: ").Append(E(FeedbackWords.List([.. notMet.Select(i => feedback.Template.Criteria[i].Text.TrimEnd('.'))]))).Append('.');
            }

            html.Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void Count(StringBuilder html, string kind, string label, int count) =>
        html.Append("<li><span class=\"badge b-").Append(kind).Append("\">").Append(label).Append(": ")
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append("</span></li>");

    private static void AppendWorkingWell(StringBuilder html, CaseFeedback feedback)
    {
        var criteria = feedback.Template.Criteria;
        var met = Enumerable.Range(0, criteria.Length).Where(i => feedback.Findings[i].Outcome == Outcome.Met)
            .OrderBy(i => criteria[i].Critical ? 0 : 1).ThenBy(i => i).ToList();
        html.Append("<section>\n<h2>What is working well</h2>\n");
        if (met.Count == 0)
        {
            html.Append("<p>No standard was fully met on this audit. The findings below say what each standard expects.</p>\n</section>\n");
            return;
        }

        html.Append("<ul>\n");
        foreach (var i in met)
        {
            html.Append("<li>").Append(E(criteria[i].Text));
            if (criteria[i].Critical)
            {
                html.Append(" <span class=\"critical\">(a critical standard)</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void AppendToChange(StringBuilder html, CaseFeedback feedback)
    {
        var criteria = feedback.Template.Criteria;
        var shortfalls = Enumerable.Range(0, criteria.Length)
            .Where(i => feedback.Findings[i].Outcome is Outcome.NotMet or Outcome.Partly or Outcome.Missing)
            .OrderBy(i => criteria[i].Critical && feedback.Findings[i].Outcome == Outcome.NotMet ? 0 : 1)
            .ThenBy(i => feedback.Findings[i].Outcome switch { Outcome.NotMet => 0, Outcome.Partly => 1, _ => 2 })
            .ThenBy(i => i)
            .ToList();
        html.Append("<section>\n<h2>What needs to change</h2>\n");
        if (shortfalls.Count == 0)
        {
            html.Append("<p>Nothing: every standard that applied was met.</p>\n</section>\n");
            return;
        }

        html.Append("<ul>\n");
        foreach (var i in shortfalls)
        {
            var outcome = feedback.Findings[i].Outcome;
            html.Append("<li><span class=\"badge b-").Append(FeedbackWords.OutcomeClass(outcome)).Append("\">").Append(FeedbackWords.Outcome(outcome))
                .Append("</span> ").Append(E(criteria[i].Text));
            if (criteria[i].Critical)
            {
                html.Append(" <span class=\"critical\">(a critical standard)</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void AppendActions(StringBuilder html, CaseFeedback feedback)
    {
        html.Append("<section>\n<h2>Actions</h2>\n");
        if (feedback.Actions.IsEmpty)
        {
            html.Append("<p>This audit raised no follow-up actions.</p>\n</section>\n");
            return;
        }

        if (LateNote(feedback) is { } note)
        {
            html.Append("<p>").Append(E(note)).Append("</p>\n");
        }

        html.Append("<table>\n<caption>What is to be done, by whom and by when</caption>\n<colgroup><col><col class=\"who\"><col class=\"due\"></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Who</th><th scope=\"col\">By</th></tr></thead>\n<tbody>\n");
        foreach (var action in feedback.Actions)
        {
            html.Append("<tr><td>").Append(E(action.Text)).Append("</td><td>").Append(E(FeedbackWords.PersonOrRole(action.Owner)));
            if (action.EscalateTo is { } escalate)
            {
                html.Append("<br><span class=\"guidance\">escalate to ").Append(E(FeedbackWords.PersonOrRole(escalate))).Append("</span>");
            }

            html.Append("</td><td>").Append(FeedbackWords.Date(action.Due));
            if (action.Due < feedback.RaisedOn)
            {
                html.Append("<br><span class=\"guidance\">passed when raised</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>
    /// Case actions fall due from the audit date: one raised later may be due before it was raised. Says so, with how
    /// long after the audit it was raised, so that a late-raised action is not read as a late-done one.
    /// </summary>
    private static string? LateNote(CaseFeedback feedback)
    {
        if (!feedback.Actions.Any(a => a.Due < feedback.RaisedOn))
        {
            return null;
        }

        var days = feedback.RaisedOn.DayNumber - feedback.Submission.AuditDate.DayNumber;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"These actions were raised on {FeedbackWords.Date(feedback.RaisedOn)}, {days} day{(days == 1 ? string.Empty : "s")} after the audit, and fall due so many working days after the audit date. A date marked \"passed when raised\" had gone by before the action was raised: it is not late work. Agree a new date with the person named.");
    }

    private static void AppendFindings(StringBuilder html, CaseFeedback feedback, string id)
    {
        var criteria = feedback.Template.Criteria;
        html.Append("<section>\n<h2>Findings, standard by standard</h2>\n");
        foreach (var section in criteria.Select(c => c.Section).Distinct(StringComparer.Ordinal))
        {
            html.Append("<h3>").Append(E(section)).Append("</h3>\n");
            for (var i = 0; i < criteria.Length; i++)
            {
                if (criteria[i].Section == section)
                {
                    AppendFinding(html, feedback, i, $"{id}-c{i + 1}");
                }
            }
        }

        html.Append("</section>\n");
    }

    private static void AppendFinding(StringBuilder html, CaseFeedback feedback, int i, string id)
    {
        var criterion = feedback.Template.Criteria[i];
        var finding = feedback.Findings[i];
        var kind = FeedbackWords.OutcomeClass(finding.Outcome);
        var shortfall = finding.Outcome is Outcome.NotMet or Outcome.Partly or Outcome.Missing;
        html.Append("<div class=\"finding o-").Append(kind).Append("\" role=\"group\" aria-labelledby=\"").Append(id).Append("\">\n<h4 id=\"").Append(id).Append("\">")
            .Append("<span class=\"badge b-").Append(kind).Append("\">").Append(FeedbackWords.Outcome(finding.Outcome)).Append("</span> ")
            .Append(E(criterion.Text)).Append("</h4>\n");
        if (criterion.Critical)
        {
            html.Append("<p class=\"critical\">A critical standard: ").Append(E(CriticalMeaning(feedback.Template))).Append(".</p>\n");
        }

        html.Append("<p>").Append(E(FeedbackWords.Why(feedback.Template, criterion, finding))).Append("</p>\n");
        if (i < feedback.Submission.Comments.Length && feedback.Submission.Comments[i] is { } comment)
        {
            html.Append("<blockquote class=\"comment\"><p><span class=\"label\">The auditor's comment:</span> ").Append(E(comment)).Append("</p></blockquote>\n");
        }

        if (criterion.Guidance is { } guidance)
        {
            if (shortfall)
            {
                html.Append("<p class=\"guidance\"><span class=\"label\">What the standard expects:</span> ").Append(E(guidance)).Append("</p>\n");
            }
            else
            {
                html.Append("<details class=\"guidance\"><summary>What the standard expects</summary><p>").Append(E(guidance)).Append("</p></details>\n");
            }
        }

        foreach (var action in feedback.Actions.Where(a => a.Criterion == criterion.Id))
        {
            html.Append("<p><span class=\"label\">Action:</span> ").Append(E(action.Text)).Append(" (")
                .Append(E(FeedbackWords.PersonOrRole(action.Owner))).Append(", by ").Append(FeedbackWords.Date(action.Due)).Append(")</p>\n");
        }

        html.Append("</div>\n");
    }

    /// <summary>What a critical standard not met does, from the template's own grading when it grades on it.</summary>
    private static string CriticalMeaning(AuditTemplate template)
    {
        var grading = template.EffectiveRules.Grading.FirstOrDefault(g => g.When.Text.Contains("critical_not_met", StringComparison.Ordinal));
        return grading is null ? "it weighs most in the case's grade" : $"not meeting it makes the case {grading.Grade}";
    }

    private static void AppendAppendix(StringBuilder html, CaseFeedback feedback)
    {
        html.Append("<details class=\"appendix\">\n<summary>For quality assurance: the rules as applied</summary>\n<table>\n")
            .Append("<colgroup><col style=\"width: 28%\"><col style=\"width: 16%\"><col></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Outcome</th><th scope=\"col\">Rule, values read, result</th></tr></thead>\n<tbody>\n");
        foreach (var finding in feedback.Findings)
        {
            html.Append("<tr><td><code>").Append(E(finding.CriterionId)).Append("</code></td><td>").Append(finding.Outcome.ToContractName())
                .Append("</td><td><code>").Append(E(finding.Explanation.ToString())).Append("</code></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        var score = feedback.Result.Score is { } s ? ActionText.Percent(s) : "missing";
        html.Append("<p>score ").Append(score).Append("; critical_not_met ").Append(feedback.Result.CriticalNotMet.ToString(CultureInfo.InvariantCulture))
            .Append("; grade ").Append(E(feedback.Result.Grade ?? "none")).Append("; as of ").Append(IsoDate.Format(feedback.RaisedOn)).Append(".</p>\n");
        foreach (var failure in feedback.Result.Failures)
        {
            html.Append("<p>").Append(E(failure)).Append("</p>\n");
        }

        html.Append("</details>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
