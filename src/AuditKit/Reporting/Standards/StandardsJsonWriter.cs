using System.Text.Json;
using AuditKit.Compliance.Standards;
using static AuditKit.Reporting.SummaryJsonWriter;

namespace AuditKit.Reporting.Standards;

/// <summary>
/// Writes <c>standards.json</c>: the standards several templates share, rolled up over a report's periods. The same report
/// always gives the same bytes; fractions are rounded to six decimal places, as in <c>summary.json</c>.
/// </summary>
public static class StandardsJsonWriter
{
    public static void Write(StandardsReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, SummaryJsonWriter.WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("period");
        json.WriteString("from", report.Period.From.Name);
        json.WriteString("to", report.Period.To.Name);
        json.WriteEndObject();
        if (report.Team is null)
        {
            json.WriteNull("team");
        }
        else
        {
            json.WriteString("team", report.Team);
        }

        json.WriteStartArray("templates");
        foreach (var template in report.Templates)
        {
            json.WriteStartObject();
            json.WriteString("id", template.Id);
            json.WriteNumber("version", template.Version);
            json.WriteString("title", template.Title);
            WriteFraction(json, "partly_weight", template.PartlyWeight);
            json.WriteNumber("audits", template.Audits);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("standards");
        foreach (var standard in report.Standards)
        {
            WriteStandard(json, standard);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStandard(Utf8JsonWriter json, StandardSummary standard)
    {
        json.WriteStartObject();
        json.WriteString("id", standard.Id);
        json.WritePropertyName("overall");
        json.WriteStartObject();
        WriteFigures(json, standard.Overall);
        json.WriteEndObject();

        json.WriteStartArray("carried_by");
        foreach (var carrier in standard.CarriedBy)
        {
            json.WriteStartObject();
            json.WriteString("template", carrier.Template);
            json.WriteString("criterion", carrier.Criterion);
            WriteFraction(json, "partly_weight", carrier.PartlyWeight);
            WriteFraction(json, "target", carrier.Target);
            WriteFigures(json, carrier.Figures);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePeriods(json, standard.Periods);
        json.WriteStartArray("teams");
        foreach (var team in standard.Teams)
        {
            json.WriteStartObject();
            json.WriteString("team", team.Team);
            WriteFigures(json, team.Overall);
            WritePeriods(json, team.Periods);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePeriods(Utf8JsonWriter json, IEnumerable<PeriodStandardFigures> periods)
    {
        json.WriteStartArray("periods");
        foreach (var period in periods)
        {
            json.WriteStartObject();
            json.WriteString("period", period.Period);
            WriteFigures(json, period.Figures);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The counts, n, compliance and its 95% Wilson interval, as in a CRITERION_STAT.</summary>
    private static void WriteFigures(Utf8JsonWriter json, StandardFigures figures)
    {
        json.WriteNumber("met", figures.Met);
        json.WriteNumber("partly", figures.Partly);
        json.WriteNumber("not_met", figures.NotMet);
        json.WriteNumber("not_applicable", figures.NotApplicable);
        json.WriteNumber("missing", figures.Missing);
        json.WriteNumber("n", figures.N);
        var interval = figures.Interval;
        WriteNullableFraction(json, "compliance", figures.Compliance);
        WriteNullableFraction(json, "ci_low", interval?.Low);
        WriteNullableFraction(json, "ci_high", interval?.High);
    }
}
