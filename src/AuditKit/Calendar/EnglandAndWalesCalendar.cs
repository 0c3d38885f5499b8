using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace AuditKit.Calendar;

/// <summary>
/// Working days in England and Wales: Monday to Friday less bank holidays, plus any extra closure days
/// a user configures. Bank holidays are computed from the rules, with the announced one-off changes for
/// 2015 to 2035; other years follow the rules alone.
/// </summary>
/// <remarks>
/// <para><see cref="AddWorkingDays"/> with 0 returns the start date itself, even when it is not a working day.
/// With a positive count it steps forward to the n-th working day after the start; with a negative count it
/// steps back to the n-th working day before it.</para>
/// <para><see cref="WorkingDaysBetween"/> counts the working days after <c>from</c> up to and including <c>to</c>;
/// when <c>to</c> is earlier it is the negation of the count the other way round.</para>
/// <para>So <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for every n when d is a working day, and for
/// every n &gt;= 0 whatever d is.</para>
/// </remarks>
public sealed class EnglandAndWalesCalendar : IWorkingDayCalendar
{
    /// <summary>The first and last years with the announced one-off changes.</summary>
    public const int FirstOneOffYear = 2015;

    public const int LastOneOffYear = 2035;

    // Years whose holidays are computed up front; others are computed once on first use.
    private const int FirstTabledYear = 1950;
    private const int LastTabledYear = 2150;

    private static readonly Lazy<EnglandAndWalesCalendar> DefaultInstance = new(() => new EnglandAndWalesCalendar([]));

    // Per year: the day numbers of closed weekdays (bank holidays and extras on Monday to Friday), ascending.
    private readonly int[][] _tabled;
    private readonly ConcurrentDictionary<int, int[]> _untabled = new();
    private readonly ImmutableArray<DateOnly> _extras;
    private readonly ILookup<int, DateOnly> _extrasByYear;

    // The tabled years' working days, in order, as day numbers; and for each day from the first tabled day on, how
    // many of them fall on or before it. Together they answer AddWorkingDays without stepping through the days.
    private readonly int _firstTabledDay;
    private readonly int[] _workingDays;
    private readonly int[] _workingDaysUpTo;

    private EnglandAndWalesCalendar(IEnumerable<DateOnly> extras)
    {
        _extras = [.. extras.Distinct().Order()];
        _extrasByYear = _extras.ToLookup(d => d.Year);
        _tabled = new int[LastTabledYear - FirstTabledYear + 1][];
        for (var year = FirstTabledYear; year <= LastTabledYear; year++)
        {
            _tabled[year - FirstTabledYear] = ClosedWeekdays(year);
        }

        _firstTabledDay = new DateOnly(FirstTabledYear, 1, 1).DayNumber;
        var days = new DateOnly(LastTabledYear, 12, 31).DayNumber - _firstTabledDay + 1;
        _workingDaysUpTo = new int[days];
        var working = new List<int>(days);
        for (var offset = 0; offset < days; offset++)
        {
            var day = _firstTabledDay + offset;
            if (!IsWeekendDay(day) && Array.BinarySearch(_tabled[DateOnly.FromDayNumber(day).Year - FirstTabledYear], day) < 0)
            {
                working.Add(day);
            }

            _workingDaysUpTo[offset] = working.Count;
        }

        _workingDays = [.. working];
    }

    private bool IsWorkingDayNumber(int offset) =>
        _workingDaysUpTo[offset] > (offset == 0 ? 0 : _workingDaysUpTo[offset - 1]);

    /// <summary>The calendar with bank holidays only.</summary>
    public static EnglandAndWalesCalendar Default => DefaultInstance.Value;

    /// <summary>Extra closure days configured by the user, sorted, without repeats.</summary>
    public ImmutableArray<DateOnly> ExtraHolidays => _extras;

    /// <summary>A calendar with the bank holidays and, optionally, the user's own closure days.</summary>
    public static EnglandAndWalesCalendar Create(IEnumerable<DateOnly>? extraHolidays = null)
    {
        if (extraHolidays is null)
        {
            return Default;
        }

        var extras = extraHolidays.ToList();
        return extras.Count == 0 ? Default : new EnglandAndWalesCalendar(extras);
    }

    /// <summary>The England and Wales bank holidays of <paramref name="year"/> in date order (substitute days included).</summary>
    public static IReadOnlyList<DateOnly> BankHolidays(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);
        var days = new List<DateOnly>(12);

        // New Year's Day, or the Monday after when it falls at the weekend.
        days.Add(NextWeekday(new DateOnly(year, 1, 1)));

        var easter = EasterSunday(year);
        days.Add(easter.AddDays(-2));
        days.Add(easter.AddDays(1));

        var earlyMay = FirstMonday(year, 5);
        var spring = LastMonday(year, 5);
        var inOneOffYears = year is >= FirstOneOffYear and <= LastOneOffYear;
        if (inOneOffYears && year == 2020)
        {
            // VE Day 75th anniversary: the early May bank holiday moved to Friday 8 May.
            earlyMay = new DateOnly(2020, 5, 8);
        }

        days.Add(earlyMay);
        if (inOneOffYears && year == 2022)
        {
            // Platinum Jubilee: the spring bank holiday moved to Thursday 2 June, with an extra day on Friday 3 June.
            days.Add(new DateOnly(2022, 6, 2));
            days.Add(new DateOnly(2022, 6, 3));
        }
        else
        {
            days.Add(spring);
        }

        days.Add(LastMonday(year, 8));

        var christmas = new DateOnly(year, 12, 25);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Friday:
                days.Add(christmas);
                days.Add(new DateOnly(year, 12, 28)); // Boxing Day on Saturday -> Monday
                break;
            case DayOfWeek.Saturday:
                days.Add(new DateOnly(year, 12, 27));
                days.Add(new DateOnly(year, 12, 28));
                break;
            case DayOfWeek.Sunday:
                days.Add(new DateOnly(year, 12, 26)); // Boxing Day keeps its Monday
                days.Add(new DateOnly(year, 12, 27)); // Christmas substitute on Tuesday
                break;
            default:
                days.Add(christmas);
                days.Add(new DateOnly(year, 12, 26));
                break;
        }

        if (inOneOffYears && year == 2022)
        {
            days.Add(new DateOnly(2022, 9, 19)); // State Funeral of Queen Elizabeth II
        }

        if (inOneOffYears && year == 2023)
        {
            days.Add(new DateOnly(2023, 5, 8)); // Coronation of King Charles III
        }

        days.Sort();
        return days.AsReadOnly();
    }

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>True for a bank holiday or a configured extra closure day (whatever the weekday).</summary>
    public bool IsHoliday(DateOnly date)
    {
        if (IsWeekend(date))
        {
            // Bank holidays and their substitutes always fall on weekdays; only an extra day can be at the weekend.
            return _extrasByYear[date.Year].Contains(date);
        }

        return Array.IndexOf(ClosedWeekdaysOf(date.Year), date.DayNumber) >= 0;
    }

    public bool IsWorkingDay(DateOnly date) =>
        !IsWeekend(date) && Array.IndexOf(ClosedWeekdaysOf(date.Year), date.DayNumber) < 0;

    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays == 0)
        {
            return start;
        }

        // Within the tabled years, the answer is one look-up: the working day so many places after (or before) the
        // working days up to the start.
        var offset = start.DayNumber - _firstTabledDay;
        if ((uint)offset < (uint)_workingDaysUpTo.Length)
        {
            var upTo = _workingDaysUpTo[offset];
            var before = upTo - (IsWorkingDayNumber(offset) ? 1 : 0);
            var index = workingDays > 0 ? (long)upTo + workingDays - 1 : (long)before + workingDays;
            if (index >= 0 && index < _workingDays.Length)
            {
                return DateOnly.FromDayNumber(_workingDays[index]);
            }
        }

        return StepWorkingDays(start, workingDays);
    }

    /// <summary>Counts working days one day at a time: outside the tabled years.</summary>
    private DateOnly StepWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs((long)workingDays);
        var day = start.DayNumber;
        var year = start.Year;
        var closed = ClosedWeekdaysOf(year);
        while (remaining > 0)
        {
            day += step;
            if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
            {
                throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "The result is outside the supported range of dates.");
            }

            if (IsWeekendDay(day))
            {
                continue;
            }

            var date = DateOnly.FromDayNumber(day);
            if (date.Year != year)
            {
                year = date.Year;
                closed = ClosedWeekdaysOf(year);
            }

            if (Array.IndexOf(closed, day) < 0)
            {
                remaining--;
            }
        }

        return DateOnly.FromDayNumber(day);
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to == from)
        {
            return 0;
        }

        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        // Weekdays in (from, to], less closed weekdays in (from, to].
        var weekdays = WeekdaysUpTo(to.DayNumber) - WeekdaysUpTo(from.DayNumber);
        var closed = 0L;
        for (var year = from.Year; year <= to.Year; year++)
        {
            var days = ClosedWeekdaysOf(year);
            if (year > from.Year && year < to.Year)
            {
                closed += days.Length;
                continue;
            }

            foreach (var day in days)
            {
                if (day > from.DayNumber && day <= to.DayNumber)
                {
                    closed++;
                }
            }
        }

        return checked((int)(weekdays - closed));
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // Day number 0 (0001-01-01) is a Monday.
    private static bool IsWeekendDay(int dayNumber) => dayNumber % 7 >= 5;

    // How many Monday-to-Friday days have a day number in [0, dayNumber].
    private static long WeekdaysUpTo(int dayNumber)
    {
        var count = (long)dayNumber + 1;
        return (count / 7 * 5) + Math.Min(count % 7, 5);
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private int[] ClosedWeekdaysOf(int year)
    {
        if (year is >= FirstTabledYear and <= LastTabledYear)
        {
            return _tabled[year - FirstTabledYear];
        }

        return _untabled.GetOrAdd(year, ClosedWeekdays);
    }

    private int[] ClosedWeekdays(int year)
    {
        return [.. BankHolidays(year).Concat(_extrasByYear[year])
            .Where(d => !IsWeekend(d))
            .Select(d => d.DayNumber)
            .Distinct()
            .Order()];
    }
}
