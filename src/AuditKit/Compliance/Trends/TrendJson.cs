using System.Text.Json;

namespace AuditKit.Compliance.Trends;

/// <summary>
/// Writes a <see cref="TrendReport"/> as JSON with snake_case names in a fixed order:
/// <c>{"template", "series": [{"team", "criterion", "points": [{"period", "n", "compliance", "lcl", "ucl"}], "centre", "signals": [{"type", "periods", "direction"}]}]}</c>.
/// The all-teams series has <c>"team": null</c>.
/// </summary>
public static class TrendJson
{
    public static string Write(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Text.JsonText.Indented(json => Write(json, report));
    }

    public static void Write(Utf8JsonWriter json, TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("template", report.Template);
        json.WriteStartArray("series");
        foreach (var series in report.Series)
        {
            json.WriteStartObject();
            if (series.Team is null)
            {
                json.WriteNull("team");
            }
            else
            {
                json.WriteString("team", series.Team);
            }

            json.WriteString("criterion", series.Criterion);
            json.WriteStartArray("points");
            foreach (var point in series.Points)
            {
                json.WriteStartObject();
                json.WriteString("period", point.Period);
                json.WriteNumber("n", point.N);
                json.WriteNumber("compliance", point.Compliance);
                json.WriteNumber("lcl", point.Lcl);
                json.WriteNumber("ucl", point.Ucl);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (series.Centre is { } centre)
            {
                json.WriteNumber("centre", centre);
            }
            else
            {
                json.WriteNull("centre");
            }

            json.WriteStartArray("signals");
            foreach (var signal in series.Signals)
            {
                json.WriteStartObject();
                json.WriteString("type", signal.Type.ToContractName());
                json.WriteStartArray("periods");
                foreach (var period in signal.Periods)
                {
                    json.WriteStringValue(period);
                }

                json.WriteEndArray();
                json.WriteString("direction", signal.Direction.ToContractName());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
