using System.Text.Json;
using AuditKit.Calendar;

namespace AuditKit.Programme;

/// <summary>
/// Writes a <see cref="ProgrammeStatusReport"/> as JSON, names in a fixed order:
/// <c>{"programme": {"id", "title"}, "as_of", "period", "rounds": [{"id", "title", "template", "period", "sampled",
/// "periods": [{"period", "start", "end", "ended", "service": TALLY, "auditors": [{"auditor", "team", TALLY...}],
/// "teams": [{"team", TALLY...}]}]}], "coverage": {"from", "to", "rows": [{"team", "case_type", "open", "audited", "share"}]}}</c>
/// where TALLY is <c>{"expected", "audits", "done", "late", "due", "not_done", "missed"}</c> (<c>expected</c> null where no
/// quota is set). <c>coverage</c> is there only when a caseload was given.
/// </summary>
public static class ProgrammeStatusJson
{
    public static string Write(ProgrammeStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Text.JsonText.Indented(json => Write(json, report));
    }

    /// <summary>The report as one object (also the "programme" part of a report's summary.json).</summary>
    public static void Write(Utf8JsonWriter json, ProgrammeStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteStartObject("programme");
        json.WriteString("id", report.Programme.Id);
        json.WriteString("title", report.Programme.Title);
        json.WriteEndObject();
        json.WriteString("as_of", IsoDate.Format(report.AsOf));
        WriteNullable(json, "period", report.Month);
        json.WriteStartArray("rounds");
        foreach (var round in report.Rounds)
        {
            json.WriteStartObject();
            json.WriteString("id", round.Round.Id);
            json.WriteString("title", round.Round.Title);
            json.WriteString("template", round.Round.TemplateId);
            json.WriteString("period", round.Round.Period.ToString().ToLowerInvariant());
            json.WriteBoolean("sampled", round.Round.Sampled);
            json.WriteStartArray("periods");
            foreach (var period in round.Periods)
            {
                json.WriteStartObject();
                json.WriteString("period", period.Period.Label);
                json.WriteString("start", IsoDate.Format(period.Period.Start));
                json.WriteString("end", IsoDate.Format(period.Period.End));
                json.WriteBoolean("ended", period.Ended);
                json.WriteStartObject("service");
                WriteTally(json, period.Service);
                json.WriteEndObject();
                json.WriteStartArray("auditors");
                foreach (var auditor in period.Auditors)
                {
                    json.WriteStartObject();
                    json.WriteString("auditor", auditor.Name);
                    WriteNullable(json, "team", auditor.Team);
                    WriteTally(json, auditor.Tally);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("teams");
                foreach (var team in period.Teams)
                {
                    json.WriteStartObject();
                    json.WriteString("team", team.Name);
                    WriteTally(json, team.Tally);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (report.Coverage is { } coverage)
        {
            json.WriteStartObject("coverage");
            WriteNullable(json, "from", report.CoverageFrom is { } from ? IsoDate.Format(from) : null);
            json.WriteString("to", IsoDate.Format(report.AsOf));
            json.WriteStartArray("rows");
            foreach (var row in coverage)
            {
                json.WriteStartObject();
                WriteNullable(json, "team", row.Team);
                WriteNullable(json, "case_type", row.CaseType);
                json.WriteNumber("open", row.Open);
                json.WriteNumber("audited", row.Audited);
                Reporting.SummaryJsonWriter.WriteNullableFraction(json, "share", row.Share);

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteTally(Utf8JsonWriter json, Tally tally)
    {
        if (tally.Expected is { } expected)
        {
            json.WriteNumber("expected", expected);
        }
        else
        {
            json.WriteNull("expected");
        }

        json.WriteNumber("audits", tally.Audits);
        json.WriteNumber("done", tally.Done);
        json.WriteNumber("late", tally.Late);
        json.WriteNumber("due", tally.Due);
        json.WriteNumber("not_done", tally.NotDone);
        json.WriteNumber("missed", tally.Missed);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value) => Reporting.SummaryJsonWriter.WriteNullableString(json, name, value);
}
