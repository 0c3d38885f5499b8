namespace AuditKit.Reporting.Html;

/// <summary>Data quality (warnings, missing answers, blank fields) and the rejected rows, each list capped.</summary>
internal sealed partial class ReportPage
{
    /// <summary>How many warnings about whole files, and how many rejected rows, are listed.</summary>
    public const int ListedProblems = 20;

    /// <summary>The submission columns every template has, in words.</summary>
    private static readonly Dictionary<string, string> StandardFields = new(StringComparer.Ordinal)
    {
        ["audit_id"] = "Audit id",
        ["audit_date"] = "Audit date",
        ["auditor"] = "Auditor",
        ["case_ref"] = "Case reference",
        ["case_type"] = "Case type",
        ["team"] = "Team",
        ["service"] = "Service",
        ["practitioner"] = "Practitioner",
        ["overall_grade"] = "Auditor's own grade",
        ["template"] = "Template",
    };

    private void AppendDataQuality()
    {
        OpenSection("data-quality");
        AppendWarnings();
        AppendMissingAnswers();
        AppendBlankFields();
        CloseSection();
    }

    private void AppendWarnings()
    {
        var warnings = _report.SourceDiagnostics;
        _html.Append("<h3>Warnings about whole files</h3>\n");
        if (warnings.IsEmpty)
        {
            _html.Append("<p>None: every file read as expected.</p>\n");
            return;
        }

        _html.Append("<ul class=\"plain\">\n");
        foreach (var warning in warnings.Take(ListedProblems))
        {
            _html.Append("<li><code>").Append(E(warning.Code)).Append("</code> ").Append(E(warning.Location.ToString())).Append(": ")
                .Append(E(warning.Message)).Append("</li>\n");
        }

        _html.Append("</ul>\n");
        if (warnings.Length > ListedProblems)
        {
            _html.Append("<p>And ").Append(N(warnings.Length - ListedProblems)).Append(" more; <code>auditkit check</code> lists them all.</p>\n");
        }
    }

    private void AppendMissingAnswers()
    {
        var overall = _report.Compliance.Overall;
        var missing = Enumerable.Range(0, Template.Criteria.Length).Where(i => overall.Criteria[i].Counts.Missing > 0).ToList();
        _html.Append("<h3>Missing answers</h3>\n");
        if (missing.Count == 0)
        {
            _html.Append("<p>No criterion has a missing answer.</p>\n");
            return;
        }

        _html.Append("<p>An answer is missing when it was left blank where it was not required, or when a date a computed criterion needs was blank. ")
            .Append("Missing answers are left out of n.</p>\n<table>\n<caption>Criteria with missing answers</caption>\n")
            .Append("<colgroup><col style=\"width:64%\"><col><col><col></colgroup>\n<thead><tr><th scope=\"col\">Criterion</th>")
            .Append("<th scope=\"col\" class=\"num\">Missing</th><th scope=\"col\" class=\"num\">Audits</th><th scope=\"col\" class=\"num\">Share</th></tr></thead>\n<tbody>\n");
        foreach (var i in missing)
        {
            var count = overall.Criteria[i].Counts.Missing;
            _html.Append("<tr><th scope=\"row\">");
            AppendCriterionName(i);
            _html.Append("</th><td class=\"num\">").Append(N(count)).Append("</td><td class=\"num\">").Append(N(overall.Audits)).Append("</td><td class=\"num\">")
                .Append(Pct(overall.Audits == 0 ? null : (double)count / overall.Audits)).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
    }

    private void AppendBlankFields()
    {
        var quality = _report.DataQuality;
        var blank = quality.Fields.Where(f => f.Blank > 0).ToList();
        _html.Append("<h3>Fields left blank</h3>\n");
        if (blank.Count == 0)
        {
            _html.Append("<p>Every field was filled in on every row read.</p>\n");
            return;
        }

        _html.Append("<table>\n<caption>Fields left blank on some rows (against a threshold of ").Append(Pct(quality.Threshold)).Append(" of rows)</caption>\n")
            .Append("<colgroup><col style=\"width:46%\"><col><col><col><col style=\"width:22%\"></colgroup>\n<thead><tr><th scope=\"col\">Field</th>")
            .Append("<th scope=\"col\" class=\"num\">Blank</th><th scope=\"col\" class=\"num\">Rows</th><th scope=\"col\" class=\"num\">Share</th>")
            .Append("<th scope=\"col\">Against threshold</th></tr></thead>\n<tbody>\n");
        foreach (var field in blank)
        {
            var over = quality.IsOverThreshold(field);
            _html.Append("<tr><th scope=\"row\">").Append(E(FieldName(field.Field))).Append(" <code class=\"small\">").Append(E(field.Field)).Append("</code></th><td class=\"num\">")
                .Append(N(field.Blank)).Append("</td><td class=\"num\">").Append(N(field.Total)).Append("</td><td class=\"num\">").Append(Pct(field.Share))
                .Append(over ? "</td><td class=\"rag-Red\">Over the threshold" : field.Expected ? "</td><td>Within it" : "</td><td>Optional field, not judged")
                .Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        var complete = quality.Fields.Length - blank.Count;
        if (complete > 0)
        {
            _html.Append("<p>The other ").Append(Count(complete, "field")).Append(complete == 1 ? " was" : " were").Append(" filled in on every row.</p>\n");
        }
    }

    /// <summary>A submission column in words: a criterion's text, a fact's label, or a standard column's name.</summary>
    private string FieldName(string field)
    {
        if (StandardFields.TryGetValue(field, out var name))
        {
            return name;
        }

        if (CriterionIndex(field) >= 0)
        {
            return CriterionName(field);
        }

        var fact = Template.Facts.FirstOrDefault(f => string.Equals(f.Id, field, StringComparison.Ordinal));
        return fact?.Label ?? field;
    }

    private void AppendRejected()
    {
        var rejected = _report.Rejected;
        if (rejected.IsEmpty)
        {
            return;
        }

        OpenSection("rejected");
        _html.Append("<p>").Append(Count(rejected.Length, "row")).Append(rejected.Length == 1 ? " was" : " were")
            .Append(" not counted, each with every reason. <code>rejected.csv</code> lists them all for the auditors to fix.</p>\n")
            .Append("<table>\n<caption>Rejected rows");
        if (rejected.Length > ListedProblems)
        {
            _html.Append(": the first ").Append(N(ListedProblems)).Append(" of ").Append(N(rejected.Length));
        }

        _html.Append("</caption>\n<colgroup><col style=\"width:24%\"><col style=\"width:7%\"><col style=\"width:18%\"><col></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Row</th><th scope=\"col\">Audit</th><th scope=\"col\">Reasons</th></tr></thead>\n<tbody>\n");
        foreach (var row in rejected.Take(ListedProblems))
        {
            _html.Append("<tr><td>").Append(E(row.Source)).Append("</td><td class=\"num\">").Append(N(row.Row)).Append("</td><td>").Append(E(row.AuditId ?? "-"))
                .Append("</td><td>").Append(E(string.Join("; ", row.Reasons))).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        if (rejected.Length > ListedProblems)
        {
            _html.Append("<p>And ").Append(N(rejected.Length - ListedProblems)).Append(" more in <code>rejected.csv</code>.</p>\n");
        }

        CloseSection();
    }
}
