using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>
/// Dates written with slashes are read day first (<c>11/03/2026</c> is 11 March). When day and month are both 12 or
/// under, the other reading is a real date too, and nothing in the text tells them apart. This looks at each source as
/// a whole, once all its rows are read, and warns (AK3006, naming the row) about the two signs that dates were written
/// month first:
/// <list type="bullet">
/// <item>an audit date whose month is far from every other audit date of the file (none of the dates that can be read
/// only one way is within <see cref="NearMonths"/> months of it), while the swapped reading falls among them;</item>
/// <item>a date in the file that could only be month first (<c>11/25/2026</c>, rejected), beside dates that could be
/// either and were read day first.</item>
/// </list>
/// Per source it keeps a count per month and the first row per pair of readings, never the rows themselves.
/// </summary>
internal sealed class DayMonthOrder
{
    /// <summary>How many months either way count as near the other dates of a file.</summary>
    public const int NearMonths = 2;

    /// <summary>How many dates that read only one way a file needs before its months say anything.</summary>
    public const int MinimumDates = 3;

    private readonly Dictionary<string, SourceDates> _sources = new(StringComparer.Ordinal);
    private string? _lastSource;
    private SourceDates? _last;

    /// <summary>An audit date read from <paramref name="text"/> (which parsed as <paramref name="date"/>).</summary>
    public void AuditDate(string source, int row, string text, DateOnly date)
    {
        var dates = For(source);
        if (CouldBeSwapped(text, date, out var swapped))
        {
            dates.Ambiguous(row, "audit_date", text, date);
            var key = (Month(date), Month(swapped));
            if (!dates.Pairs.TryGetValue(key, out var pair))
            {
                dates.Pairs[key] = (row, text, date, swapped, 1);
            }
            else
            {
                dates.Pairs[key] = pair with { Count = pair.Count + 1 };
            }
        }
        else
        {
            dates.Months[Month(date)] = dates.Months.GetValueOrDefault(Month(date)) + 1;
            dates.Unambiguous++;
        }
    }

    /// <summary>A fact date read from <paramref name="text"/>: only its order counts (months of facts vary too much).</summary>
    public void FactDate(string source, int row, string column, string text, DateOnly date)
    {
        if (CouldBeSwapped(text, date, out _))
        {
            For(source).Ambiguous(row, column, text, date);
        }
    }

    /// <summary>A date rejected because it could only be month first (<c>11/25/2026</c>).</summary>
    public void MonthFirst(string source, int row, string column, string text)
    {
        var dates = For(source);
        dates.FirstMonthFirst ??= (row, column, text);
    }

    /// <summary>The warnings about every source seen so far, in the order the sources were first seen.</summary>
    public IEnumerable<Diagnostic> Warnings()
    {
        foreach (var (source, dates) in _sources)
        {
            var location = SourceLocation.FileOnly(source);
            if (dates.FirstMonthFirst is { } monthFirst && dates.FirstAmbiguous is { } ambiguous)
            {
                yield return new Diagnostic(
                    Messages.Submissions.ImplausibleDateCode,
                    Severity.Warning,
                    Messages.Submissions.FileLooksMonthFirst(monthFirst.Row, monthFirst.Column, monthFirst.Text, dates.AmbiguousCount, ambiguous.Row, ambiguous.Column, ambiguous.Text, ambiguous.Date),
                    location);
            }

            if (dates.Unambiguous < MinimumDates)
            {
                continue;
            }

            foreach (var ((read, swapped), pair) in dates.Pairs.OrderBy(p => p.Value.Row))
            {
                var near = Near(dates.Months, swapped);
                if (Near(dates.Months, read) == 0 && near > 0)
                {
                    yield return new Diagnostic(
                        Messages.Submissions.ImplausibleDateCode,
                        Severity.Warning,
                        Messages.Submissions.DayMonthSwapped(pair.Row, pair.Text, pair.Date, pair.Swapped, pair.Count - 1, NearMonths, near),
                        location);
                }
            }
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> is written with slashes and day and month are both 12 or under and differ: then
    /// <paramref name="swapped"/> is the month-first reading.
    /// </summary>
    internal static bool CouldBeSwapped(ReadOnlySpan<char> text, DateOnly date, out DateOnly swapped)
    {
        swapped = default;
        if (date.Day > 12 || date.Day == date.Month || text.Trim().IndexOf('/') < 0)
        {
            return false;
        }

        swapped = new DateOnly(date.Year, date.Day, date.Month);
        return true;
    }

    private static int Month(DateOnly date) => (date.Year * 12) + date.Month - 1;

    private static int Near(Dictionary<int, int> months, int month)
    {
        var count = 0;
        for (var m = month - NearMonths; m <= month + NearMonths; m++)
        {
            count += months.GetValueOrDefault(m);
        }

        return count;
    }

    private SourceDates For(string source)
    {
        // Rows come a source at a time: the last one is looked up without hashing its name again.
        if (ReferenceEquals(source, _lastSource) && _last is not null)
        {
            return _last;
        }

        if (!_sources.TryGetValue(source, out var dates))
        {
            dates = new SourceDates();
            _sources.Add(source, dates);
        }

        (_lastSource, _last) = (source, dates);
        return dates;
    }

    private sealed class SourceDates
    {
        /// <summary>Audit dates that read only one way, per month (year x 12 + month - 1).</summary>
        public Dictionary<int, int> Months { get; } = [];

        public int Unambiguous { get; set; }

        /// <summary>Audit dates that read both ways, per (month read, month swapped): the first row and how many.</summary>
        public Dictionary<(int Read, int Swapped), (int Row, string Text, DateOnly Date, DateOnly Swapped, int Count)> Pairs { get; } = [];

        public int AmbiguousCount { get; private set; }

        public (int Row, string Column, string Text, DateOnly Date)? FirstAmbiguous { get; private set; }

        public (int Row, string Column, string Text)? FirstMonthFirst { get; set; }

        public void Ambiguous(int row, string column, string text, DateOnly date)
        {
            AmbiguousCount++;
            FirstAmbiguous ??= (row, column, text, date);
        }
    }
}
