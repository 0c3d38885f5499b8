using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Diagnostics;

namespace AuditKit.Calendar;

/// <summary>
/// Working-day calendar settings, bound from the configuration section <see cref="SectionName"/>
/// (for example <c>"Calendar": { "ExtraHolidays": ["2026-12-24"] }</c>).
/// </summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>The user's own closure days (a local closure, a newly announced bank holiday), as ISO dates <c>YYYY-MM-DD</c>.</summary>
    public List<string> ExtraHolidays { get; set; } = [];

    /// <summary>Every problem with the settings. Locations are configuration keys such as <c>Calendar:ExtraHolidays:0</c>.</summary>
    public ImmutableArray<Diagnostic> Validate()
    {
        var bag = new DiagnosticBag();
        Parse(bag);
        return bag.ToImmutableSorted();
    }

    /// <summary>The calendar these settings describe, or every problem with them.</summary>
    public LoadResult<EnglandAndWalesCalendar> CreateCalendar()
    {
        var bag = new DiagnosticBag();
        var dates = Parse(bag);
        var diagnostics = bag.ToImmutableSorted();
        return bag.HasErrors
            ? LoadResult<EnglandAndWalesCalendar>.Failed(diagnostics)
            : LoadResult<EnglandAndWalesCalendar>.Ok(EnglandAndWalesCalendar.Create(dates), diagnostics);
    }

    private List<DateOnly> Parse(DiagnosticBag bag)
    {
        var dates = new List<DateOnly>();
        var seen = new HashSet<DateOnly>();
        var list = ExtraHolidays ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var location = SourceLocation.FileOnly(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{nameof(ExtraHolidays)}:{i}"));
            var text = list[i]?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                Add(bag, Severity.Error, location, Messages.CalendarBlankHoliday());
                continue;
            }

            if (!IsoDate.TryParse(text, out var date))
            {
                Add(bag, Severity.Error, location, Messages.CalendarBadHoliday(text));
                continue;
            }

            if (!seen.Add(date))
            {
                Add(bag, Severity.Warning, location, Messages.CalendarRepeatedHoliday(text));
                continue;
            }

            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                Add(bag, Severity.Warning, location, Messages.CalendarWeekendHoliday(text, date.DayOfWeek.ToString()));
            }
            else if (EnglandAndWalesCalendar.BankHolidays(date.Year).Contains(date))
            {
                Add(bag, Severity.Warning, location, Messages.CalendarAlreadyBankHoliday(text));
            }

            dates.Add(date);
        }

        return dates;
    }

    private static void Add(DiagnosticBag bag, Severity severity, SourceLocation location, (string Code, string Text) message) =>
        bag.Add(new Diagnostic(message.Code, severity, message.Text, location));
}
