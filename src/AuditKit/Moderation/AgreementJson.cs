using System.Text.Json;

namespace AuditKit.Moderation;

/// <summary>
/// An <see cref="AgreementReport"/> as JSON: <c>{"template", "criteria": [{"id", "pairs", "agreement", "kappa",
/// "kappa_low", "kappa_high", "weighted_kappa", "pabak", "flagged"}], "auditors": [...], "grades": {...}}</c>, the shape of
/// <c>auditkit moderation --format json</c> and of summary.json's <c>moderation</c> object. Fractions are rounded to six
/// decimal places; an undefined kappa is null.
/// </summary>
public static class AgreementJson
{
    /// <summary>The report as one indented JSON document, with a line break at the end.</summary>
    public static string Write(AgreementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Text.JsonText.Indented(json => Write(json, report)) + "\n";
    }

    /// <summary>Writes the report as one object (as a property value when the writer is inside an object).</summary>
    public static void Write(Utf8JsonWriter json, AgreementReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("template", report.TemplateId);
        json.WriteStartArray("criteria");
        foreach (var c in report.Criteria)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteNumber("pairs", c.Pairs);
            Fraction(json, "agreement", c.Agreement);
            Fraction(json, "kappa", c.Kappa?.Value);
            Fraction(json, "kappa_low", c.Kappa?.Low);
            Fraction(json, "kappa_high", c.Kappa?.High);
            Fraction(json, "weighted_kappa", c.WeightedKappa);
            Fraction(json, "pabak", c.Pabak);
            json.WriteBoolean("flagged", c.Flagged);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("auditors");
        foreach (var a in report.Auditors)
        {
            json.WriteStartObject();
            json.WriteString("auditor", a.Auditor);
            json.WriteNumber("pairs", a.Pairs);
            json.WriteNumber("compared", a.Compared);
            Fraction(json, "agreement", a.Agreement);
            json.WriteNumber("more_favourable", a.MoreFavourable);
            json.WriteNumber("less_favourable", a.LessFavourable);
            json.WriteNumber("applicability_differs", a.Applicability);
            if (a.Direction is { } direction)
            {
                json.WriteString("direction", direction);
            }
            else
            {
                json.WriteNull("direction");
            }

            json.WriteNumber("grades_compared", a.GradesCompared);
            json.WriteNumber("grades_agreed", a.GradesAgreed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var g = report.Grades;
        json.WriteStartObject("grades");
        json.WriteStartArray("scale");
        foreach (var grade in g.Scale)
        {
            json.WriteStringValue(grade);
        }

        json.WriteEndArray();
        json.WriteNumber("pairs", g.Pairs);
        Fraction(json, "agreement", g.Agreement);
        Fraction(json, "weighted_kappa", g.WeightedKappa);
        json.WriteNumber("more_favourable", g.MoreFavourable);
        json.WriteNumber("less_favourable", g.LessFavourable);
        json.WriteStartArray("matrix");
        for (var i = 0; i < g.Scale.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("first", g.Scale[i]);
            json.WriteStartObject("moderated");
            for (var j = 0; j < g.Scale.Length; j++)
            {
                json.WriteNumber(g.Scale[j], g.Counts[i, j]);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Fraction(Utf8JsonWriter json, string name, double? value) => Reporting.SummaryJsonWriter.WriteNullableFraction(json, name, value);
}
