using System.Text;
using AuditKit.Synthesis;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Synthesis;

/// <summary>A template shaped like a monthly quality-of-practice audit, and a small RFC 4180 reader for what is written.</summary>
internal static class SynthesisCsv
{
    public static AuditTemplate QualityTemplate() => new TemplateBuilder()
        .WithId("qop-test")
        .AppliesTo("CIN", "CP", "LAC")
        .Fact("child_age", FactType.Number)
        .Fact("referral_date", FactType.Date, required: true)
        .Fact("assessment_start_date", FactType.Date)
        .Fact("assessment_completed_date", FactType.Date)
        .Fact("last_visit_date", FactType.Date)
        .Fact("primary_need", FactType.Choice, false, "Abuse or neglect", "Family dysfunction", "Child's disability")
        .Fact("has_disability", FactType.Bool)
        .Fact("allocated_worker", FactType.Text)
        .Criterion("child_seen_alone", critical: true, appliesWhen: "child_age >= 4 or is_blank(child_age)")
        .Criterion("views_recorded")
        .Criterion("plan_smart", critical: true)
        .Criterion("management_oversight")
        .Criterion("supervision_recorded", required: false)
        .Criterion("partner_contributions", required: false)
        .Criterion("assessment_timely", metWhen: "days_between(assessment_start_date, assessment_completed_date) <= 45")
        .Criterion("risk_analysed", metWhen: "answer = 'Yes'", partlyWhen: "answer = 'Partly'")
        .Build();

    public static string Generate(SynthesisOptions options, AuditTemplate? template = null)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new SubmissionSynthesizer().Write(template ?? QualityTemplate(), options, text);
        return text.ToString();
    }

    /// <summary>The header and rows, as maps from column name to cell.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows) Read(string csv)
    {
        var records = Parse(csv);
        var header = records[0];
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var record in records.Skip(1))
        {
            if (record.Count != header.Count)
            {
                throw new InvalidDataException($"A row has {record.Count} cells, the header {header.Count}.");
            }

            rows.Add(header.Zip(record).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return (header, rows);
    }

    /// <summary>Splits RFC 4180 text (CRLF line ends) into records.</summary>
    public static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            var c = csv[i];
            if (c == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (csv[i] == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                    }
                    else if (csv[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        cell.Append(csv[i++]);
                    }
                }
            }
            else if (c == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                record.Add(cell.ToString());
                cell.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else if (c is '\r' or '\n')
            {
                throw new InvalidDataException($"A bare line break at offset {i}.");
            }
            else
            {
                cell.Append(c);
                i++;
            }
        }

        if (cell.Length > 0 || record.Count > 0)
        {
            throw new InvalidDataException("The last row does not end with CRLF.");
        }

        return records;
    }
}
