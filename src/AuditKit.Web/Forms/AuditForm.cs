using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Evaluation;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Store;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Web.Forms;

/// <summary>
/// The audit form's values as one submission row: the columns of a file (contract 2), so that the form is read, validated,
/// evaluated and recorded by the same code as <c>check</c> and <c>run</c>, never a second implementation of them.
/// </summary>
public sealed class AuditForm
{
    public const string Source = "audit form";

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public AuditForm(CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    public CompiledRuleSet Rules { get; }

    public AuditTemplate Template => Rules.Template;

    public string? this[string column]
    {
        get => _values.GetValueOrDefault(column);
        set => _values[column] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The columns of the row: the standard ones, then each criterion's answer and comment, then each fact.</summary>
    public IReadOnlyList<string> Header() =>
    [
        "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "template", "overall_grade",
        .. Template.Criteria.SelectMany(c => new[] { c.Id, c.Id + "_comment" }),
        .. Template.Facts.Select(f => f.Id),
    ];

    public RawRecord ToRecord()
    {
        var header = Header();
        return new RawRecord(Source, 1, header, [.. header.Select(h => this[h])]);
    }

    /// <summary>
    /// Reads a GOV.UK date input (<c>id-day</c>, <c>id-month</c>, <c>id-year</c>) into the column: ISO when all three are
    /// numbers, blank when all three are blank, else the parts as typed, for the validator to say what is wrong.
    /// </summary>
    public void SetDate(string column, string? day, string? month, string? year)
    {
        day = day?.Trim();
        month = month?.Trim();
        year = year?.Trim();
        if (string.IsNullOrEmpty(day) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(year))
        {
            this[column] = null;
            return;
        }

        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1000 && y <= 9999)
        {
            this[column] = string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{m:00}-{d:00}");
            return;
        }

        this[column] = $"{day}/{month}/{year}";
    }

    /// <summary>The parts of a date column to show again in its date input.</summary>
    public (string? Day, string? Month, string? Year) DateParts(string column)
    {
        var text = this[column];
        if (text is null)
        {
            return (null, null, null);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString(CultureInfo.InvariantCulture));
        }

        var parts = text.Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (null, null, null);
    }

    /// <summary>
    /// On each save: the row validated as a draft (blank required answers are not yet reasons) and, when it can be read,
    /// evaluated by the compiled rules, so that each criterion shows its outcome and why.
    /// </summary>
    public FormCheck Preview(DateOnly today)
    {
        var validator = new SubmissionValidator(Template) { AsOf = today, AllowsBlankRequired = true };
        var validation = validator.Validate(ToRecord());
        return validation.Submission is { } submission
            ? new FormCheck(Rules.Evaluate(submission), Rules.Explain(submission), [])
            : new FormCheck(null, [], validation.Rejected!.Reasons);
    }

    /// <summary>On submit: the row run as <c>run</c> runs a file, its case collected for the store.</summary>
    public RunReport Run(DateOnly today, Calendar.IWorkingDayCalendar calendar, KnownTeams? knownTeams) =>
        AuditRunner.Run(Rules, [ToRecord()], new RunOptions(today, calendar, CollectCases: true, KnownTeams: knownTeams));

    /// <summary>Records an accepted report exactly as <c>run</c> records a file: its audit and case actions, its periods planned again.</summary>
    public static StoreRunResult Record(IAuditStore store, RunReport report, CompiledRuleSet rules, Calendar.IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.RecordRun(StoredRun.From(report, PeriodPlanning.ForRun(report, rules, calendar, null)));
    }

    /// <summary>The field a validation reason is about (reasons start with the column's name), or null.</summary>
    public string? FieldOf(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = reason[..colon].Trim();
        return Header().Contains(name, StringComparer.Ordinal) ? name : null;
    }
}

/// <summary>A save's result: the case evaluated, or the reasons it could not be read yet.</summary>
public sealed record FormCheck(CaseResult? Result, ImmutableArray<Finding> Findings, ImmutableArray<string> Reasons);
