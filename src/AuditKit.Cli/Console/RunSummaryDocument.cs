using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;
using AuditKit.Text;

namespace AuditKit.Cli.Console;

/// <summary>
/// The console summary as a document instead of tables (<c>run --format json|csv</c>), for screen readers and scripts:
/// the same figures as the text, with nothing laid out for a width. summary.json remains the full record.
/// </summary>
internal static class RunSummaryDocument
{
    private const string AllTeams = "All teams";

    private static readonly string[] CsvFields = ["criterion", "critical", "target", "team", "service", "compliance", "percent", "rag", "n"];

    /// <summary>
    /// Compliance, one line per criterion and group (all teams first, then each team): the criterion id, whether it is
    /// critical, its target, the team (<c>All teams</c> for the service), compliance as a fraction and as the
    /// percentage shown everywhere, RAG and n.
    /// </summary>
    public static string Csv(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CsvText.Line(CsvFields)).Append('\n');
        var groups = report.Compliance.Teams.Prepend(report.Compliance.Overall).ToList();
        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            foreach (var group in groups)
            {
                var stat = group.Criteria[i];
                text.Append(CsvText.Line(
                [
                    criterion.Id,
                    criterion.Critical ? "true" : "false",
                    Fraction(criterion.Target),
                    group.Name ?? AllTeams,
                    group.Name is null ? null : group.Service,
                    stat.Compliance is { } c ? Fraction(c) : null,
                    ActionText.Percent(stat.Compliance),
                    stat.Rag?.ToString(),
                    stat.Counts.Applicable.ToString(CultureInfo.InvariantCulture),
                ])).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The whole console summary as one JSON object; <c>"team": null</c> stands for all teams.</summary>
    public static string Json(RunReport report, string? outputFolder)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("template");
            json.WriteString("id", report.Template.Id);
            json.WriteNumber("version", report.Template.Version);
            json.WriteString("title", report.Template.Title);
            json.WriteEndObject();
            json.WriteString("as_of", IsoDate.Format(report.AsOf));
            json.WriteStartObject("submissions");
            json.WriteNumber("read", report.Submissions.Read);
            json.WriteNumber("accepted", report.Submissions.Accepted);
            json.WriteNumber("rejected", report.Submissions.Rejected);
            SummaryJsonWriter.WriteModerationRead(json, report);
            json.WriteEndObject();
            WriteCompliance(json, report);
            WriteGrades(json, report);
            WriteActions(json, report);
            WriteDataQuality(json, report);
            json.WriteStartArray("rejected");
            foreach (var row in report.Rejected)
            {
                SummaryJsonWriter.WriteRejected(json, row);
            }

            json.WriteEndArray();
            WriteText(json, "outputs", outputFolder);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteCompliance(Utf8JsonWriter json, RunReport report)
    {
        var groups = report.Compliance.Teams.Prepend(report.Compliance.Overall).ToList();
        json.WriteStartArray("compliance");
        for (var i = 0; i < report.Template.Criteria.Length; i++)
        {
            var criterion = report.Template.Criteria[i];
            json.WriteStartObject();
            json.WriteString("criterion", criterion.Id);
            json.WriteString("text", criterion.Text);
            json.WriteBoolean("critical", criterion.Critical);
            json.WriteNumber("target", Math.Round(criterion.Target, 6));
            json.WriteStartArray("teams");
            foreach (var group in groups)
            {
                json.WriteStartObject();
                WriteGroup(json, group);
                WriteStat(json, group.Criteria[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteGrades(Utf8JsonWriter json, RunReport report)
    {
        var grades = RunSummaryRenderer.GradeOrder(report);
        json.WriteStartObject("grades");
        json.WriteStartArray("scale");
        foreach (var grade in grades)
        {
            json.WriteStringValue(grade);
        }

        json.WriteEndArray();
        json.WriteStartArray("teams");
        foreach (var group in report.Compliance.Teams.Prepend(report.Compliance.Overall))
        {
            json.WriteStartObject();
            WriteGroup(json, group);
            json.WriteNumber("audits", group.Audits);
            json.WriteStartArray("counts");
            foreach (var grade in grades)
            {
                json.WriteStartObject();
                json.WriteString("grade", grade);
                json.WriteNumber("count", group.Grades.GetValueOrDefault(grade));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("auditor_agrees");
            json.WriteNumber("compared", group.Agreement.Compared);
            json.WriteNumber("agreed", group.Agreement.Agreed);
            if (group.Agreement.Rate is { } rate)
            {
                json.WriteNumber("rate", Math.Round(rate, 6));
            }
            else
            {
                json.WriteNull("rate");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter json, RunReport report)
    {
        var overview = ActionsOverview.Of(report);
        json.WriteStartObject("actions");
        json.WriteNumber("total", overview.Total);
        json.WriteNumber("case", overview.Case);
        json.WriteNumber("team", overview.Team);
        json.WriteNumber("service", overview.Service);
        json.WriteNumber("not_yet_due", overview.NotYetDue);
        json.WriteNumber("raised_late", overview.RaisedLate);
        json.WriteStartArray("by_owner");
        foreach (var owner in overview.Owners)
        {
            json.WriteStartObject();
            json.WriteString("owner", owner.Owner);
            json.WriteNumber("case", owner.Case);
            json.WriteNumber("team", owner.Team);
            json.WriteNumber("service", owner.Service);
            json.WriteNumber("raised_late", owner.RaisedLate);
            json.WriteNumber("total", owner.Total);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("other_owners", overview.OtherOwners);
        json.WriteStartArray("most_urgent");
        foreach (var (action, state, raised) in overview.MostUrgent)
        {
            json.WriteStartObject();
            json.WriteString("id", action.Id);
            json.WriteString("scope", ActionScopes.Name(action.Scope));
            WriteText(json, "team", action.Team);
            WriteText(json, "case_ref", action.CaseRef);
            WriteText(json, "criterion", action.Criterion);
            json.WriteString("owner", action.Owner);
            json.WriteString("due", IsoDate.Format(action.Due));
            json.WriteString("progress", state == DueState.RaisedLate ? "raised_late" : "not_yet_due");
            WriteText(json, "raised", raised);
            json.WriteString("action", action.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDataQuality(Utf8JsonWriter json, RunReport report)
    {
        json.WriteStartObject("data_quality");
        json.WriteNumber("threshold", Math.Round(report.DataQuality.Threshold, 6));
        json.WriteStartArray("over_threshold");
        foreach (var field in report.DataQuality.OverThreshold)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteNumber("blank", field.Blank);
            json.WriteNumber("total", field.Total);
            json.WriteNumber("share", Math.Round(field.Share, 6));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, GroupSummary group)
    {
        WriteText(json, "team", group.Name);
        WriteText(json, "service", group.Service);
    }

    private static void WriteStat(Utf8JsonWriter json, CriterionStat stat)
    {
        if (stat.Compliance is { } compliance)
        {
            json.WriteNumber("compliance", Math.Round(compliance, 6));
        }
        else
        {
            json.WriteNull("compliance");
        }

        json.WriteString("percent", ActionText.Percent(stat.Compliance));
        WriteText(json, "rag", stat.Rag?.ToString());
        json.WriteNumber("n", stat.Counts.Applicable);
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Fraction(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
