using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Submissions;

/// <summary>The template, fixture files and rows the submission tests share.</summary>
internal static class SubmissionTestData
{
    /// <summary>
    /// Criteria child_seen_alone (required), wishes_recorded (optional), plan_smart (computed from a fact)
    /// and supervision_recorded (required); facts of every type.
    /// </summary>
    public static AuditTemplate Template(bool referralDateRequired = false) => new TemplateBuilder()
        .AppliesTo("CIN", "CP", "LAC")
        .Fact("child_age", FactType.Number)
        .Fact("last_visit", FactType.Date)
        .Fact("plan_in_place", FactType.Bool)
        .Fact("placement", FactType.Choice, false, "Home", "Foster care", "Residential")
        .Fact("notes", FactType.Text)
        .Fact("referral_date", FactType.Date, referralDateRequired)
        .Criterion("child_seen_alone", critical: true)
        .Criterion("wishes_recorded", required: false)
        .Criterion("plan_smart", metWhen: "plan_in_place = true")
        .Criterion("supervision_recorded")
        .Build();

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Submissions", name);

    public static List<RawRecord> ReadCsv(string name)
    {
        using var reader = new StreamReader(PathOf(name));
        return [.. CsvSubmissionReader.Read(reader, name)];
    }

    public static List<RawRecord> ReadJson(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return [.. JsonSubmissionReader.Read(stream, name)];
    }

    public static string? Cell(RawRecord record, string column)
    {
        for (var i = 0; i < record.Header.Count; i++)
        {
            if (record.Header[i] == column)
            {
                return i < record.Cells.Length ? record.Cells[i] : null;
            }
        }

        throw new KeyNotFoundException(column);
    }
}

/// <summary>
/// Rows of one source in code: a fixed header shared by every row, and a valid value for every column
/// unless a test says otherwise. Each row gets its own audit id (A-2, A-3, ... by row) unless given one.
/// </summary>
internal sealed class RowFactory
{
    public static readonly string[] AllColumns =
    [
        "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "overall_grade",
        "child_seen_alone", "child_seen_alone_comment", "wishes_recorded", "supervision_recorded",
        "child_age", "last_visit", "plan_in_place", "placement", "notes", "referral_date",
    ];

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["audit_date"] = "2026-11-03",
        ["auditor"] = "Sam Patel",
        ["case_ref"] = "C-100",
        ["case_type"] = "CP",
        ["team"] = "Team A",
        ["child_seen_alone"] = "Yes",
        ["wishes_recorded"] = "Yes",
        ["supervision_recorded"] = "Yes",
    };

    private readonly string _source;
    private readonly IReadOnlyList<string> _header;
    private int _row = 1;

    public RowFactory(string source = "test.csv", params string[] columns)
    {
        _source = source;
        _header = Array.AsReadOnly(columns.Length == 0 ? AllColumns : columns);
    }

    public IReadOnlyList<string> Header => _header;

    public RawRecord Row(params (string Column, string? Value)[] cells)
    {
        _row++;
        var values = new string?[_header.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _header[i] == "audit_id" ? $"A-{_row}" : Defaults.GetValueOrDefault(_header[i]);
        }

        foreach (var (column, value) in cells)
        {
            var index = IndexOf(column);
            values[index] = value;
        }

        return new RawRecord(_source, _row, _header, values);
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < _header.Count; i++)
        {
            if (_header[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column '{column}' in this test header.", nameof(column));
    }
}
