using System.Globalization;
using AuditKit.Calendar;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Calendar;

public sealed class EnglandAndWalesCalendarTests
{
    private static readonly EnglandAndWalesCalendar Calendar = EnglandAndWalesCalendar.Default;

    public static TheoryData<int, string> PublishedYears()
    {
        var data = new TheoryData<int, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Calendar", "bank-holidays.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(':', 2);
            data.Add(int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1].Trim());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void BankHolidays_PublishedYear_MatchesPublishedDates(int year, string expected)
    {
        // Act
        var actual = EnglandAndWalesCalendar.BankHolidays(year);

        // Assert
        string.Join(' ', actual.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_KnownYear_ReturnsKnownDate(int year, string expected)
    {
        EnglandAndWalesCalendar.EasterSunday(year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2025-04-18")] // Good Friday
    [InlineData("2026-12-28")] // Boxing Day on a Saturday -> Monday
    [InlineData("2027-12-27")] // Christmas on a Saturday -> Monday
    [InlineData("2027-12-28")] // ... and Boxing Day -> Tuesday
    [InlineData("2021-12-27")]
    [InlineData("2021-12-28")]
    [InlineData("2032-12-27")]
    [InlineData("2032-12-28")]
    [InlineData("2022-12-27")] // Christmas on a Sunday -> Tuesday
    [InlineData("2020-05-08")] // VE Day
    [InlineData("2022-06-02")] // Platinum Jubilee
    [InlineData("2022-06-03")]
    [InlineData("2022-09-19")] // State Funeral
    [InlineData("2023-05-08")] // Coronation
    [InlineData("2023-01-02")] // New Year's Day on a Sunday -> Monday
    public void IsWorkingDay_BankHoliday_ReturnsFalse(string date)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);

        Calendar.IsWorkingDay(day).ShouldBeFalse();
        Calendar.IsHoliday(day).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2020-05-04")] // the usual early May Monday, moved in 2020
    [InlineData("2022-05-30")] // the usual spring Monday, moved in 2022
    [InlineData("2026-12-24")]
    [InlineData("2026-12-29")]
    [InlineData("2025-04-17")]
    public void IsWorkingDay_OrdinaryWeekday_ReturnsTrue(string date)
    {
        Calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)).ShouldBeTrue();
    }

    [Fact]
    public void IsWorkingDay_Weekend_ReturnsFalse()
    {
        Calendar.IsWorkingDay(new DateOnly(2026, 11, 7)).ShouldBeFalse(); // Saturday
        Calendar.IsWorkingDay(new DateOnly(2026, 11, 8)).ShouldBeFalse(); // Sunday
    }

    [Fact]
    public void BankHolidays_OneOffYearOutsideRange_FollowsRulesOnly()
    {
        // 2045 would need an announcement to change; the rules give the usual Mondays.
        var days = EnglandAndWalesCalendar.BankHolidays(2045);

        days.Count.ShouldBe(8);
        days.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
    }

    [Fact]
    public void BankHolidays_EveryYearInOneOffRange_AreWeekdaysInDateOrder()
    {
        for (var year = EnglandAndWalesCalendar.FirstOneOffYear; year <= EnglandAndWalesCalendar.LastOneOffYear; year++)
        {
            var days = EnglandAndWalesCalendar.BankHolidays(year);
            days.ShouldBeInOrder(SortDirection.Ascending);
            days.Distinct().Count().ShouldBe(days.Count);
            days.ShouldAllBe(d => d.Year == year && d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
            days.Count.ShouldBe(year switch { 2022 => 10, 2023 => 9, _ => 8 });
        }
    }

    [Theory]
    [InlineData("2026-11-02", 0, "2026-11-02")] // zero: the start itself
    [InlineData("2026-11-07", 0, "2026-11-07")] // zero on a Saturday: still the start
    [InlineData("2026-11-02", 1, "2026-11-03")]
    [InlineData("2026-11-06", 1, "2026-11-09")] // Friday + 1 -> Monday
    [InlineData("2026-11-07", 1, "2026-11-09")] // Saturday + 1 -> Monday
    [InlineData("2026-11-02", 10, "2026-11-16")]
    [InlineData("2026-12-23", 3, "2026-12-30")] // 24, (25 Christmas), 29, 30: skips 25 and 28
    [InlineData("2027-12-24", 1, "2027-12-29")] // skips 27 and 28 substitutes
    [InlineData("2025-04-17", 1, "2025-04-22")] // over Easter
    [InlineData("2022-06-01", 1, "2022-06-06")] // over the Jubilee
    [InlineData("2026-11-09", -1, "2026-11-06")] // Monday - 1 -> Friday
    [InlineData("2026-12-29", -2, "2026-12-23")]
    public void AddWorkingDays_KnownDates_ReturnsExpected(string start, int days, string expected)
    {
        Calendar.AddWorkingDays(DateOnly.Parse(start, CultureInfo.InvariantCulture), days)
            .ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-02", "2026-11-02", 0)]
    [InlineData("2026-11-02", "2026-11-03", 1)]
    [InlineData("2026-11-06", "2026-11-09", 1)] // Friday to Monday
    [InlineData("2026-11-07", "2026-11-08", 0)] // Saturday to Sunday
    [InlineData("2026-11-09", "2026-11-06", -1)]
    [InlineData("2026-12-24", "2026-12-29", 1)] // 25 and 28 are holidays, 26/27 weekend
    [InlineData("2026-01-01", "2027-01-01", 253)]
    [InlineData("2027-01-01", "2026-01-01", -253)]
    public void WorkingDaysBetween_KnownDates_ReturnsExpected(string from, string to, int expected)
    {
        // 2026-01-01 to 2027-01-01: 2026 starts on a Thursday and has 365 days, so 261 weekdays; drop
        // 1 January 2026 itself (260) and add Friday 1 January 2027 (261). Closed weekdays in that span:
        // 3 Apr, 6 Apr, 4 May, 25 May, 31 Aug, 25 Dec, 28 Dec 2026 and 1 Jan 2027 = 8. 261 - 8 = 253.
        var actual = Calendar.WorkingDaysBetween(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        actual.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2025-12-01", "2026-02-10")]
    [InlineData("1949-12-01", "1950-01-31")] // across the edge of the precomputed years
    [InlineData("2150-12-01", "2151-01-31")]
    [InlineData("1899-12-20", "1900-01-10")]
    public void WorkingDaysBetween_AnyPair_MatchesDayByDayCount(string first, string last)
    {
        var start = DateOnly.Parse(first, CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(last, CultureInfo.InvariantCulture);
        for (var from = start; from <= end; from = from.AddDays(3))
        {
            for (var to = start; to <= end; to = to.AddDays(1))
            {
                var expected = 0;
                for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
                {
                    expected += Calendar.IsWorkingDay(d) ? 1 : 0;
                }

                for (var d = to.AddDays(1); d <= from; d = d.AddDays(1))
                {
                    expected -= Calendar.IsWorkingDay(d) ? 1 : 0;
                }

                Calendar.WorkingDaysBetween(from, to).ShouldBe(expected, $"{from:yyyy-MM-dd} -> {to:yyyy-MM-dd}");
            }
        }
    }

    [Theory]
    [InlineData("2026-12-01", "2027-01-31")]
    [InlineData("1949-12-01", "1950-01-31")] // across the edges of the precomputed years
    [InlineData("2150-12-01", "2151-01-31")]
    public void AddWorkingDays_AnyStartAndCount_MatchesDayByDayStepping(string first, string last)
    {
        var start = DateOnly.Parse(first, CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(last, CultureInfo.InvariantCulture);
        for (var from = start; from <= end; from = from.AddDays(1))
        {
            foreach (var n in new[] { -45, -20, -6, -1, 0, 1, 5, 10, 20, 45 })
            {
                Calendar.AddWorkingDays(from, n).ShouldBe(StepByDay(from, n), $"{from:yyyy-MM-dd} {n:+0;-0;0}");
            }
        }
    }

    [Fact]
    public void AddWorkingDays_ThenWorkingDaysBetween_RoundTripsForWorkingDayStart()
    {
        // Any working day from 1990 to 2060, any count within about four years either way.
        var first = new DateOnly(1990, 1, 1).DayNumber;
        var last = new DateOnly(2060, 12, 31).DayNumber;
        var gen =
            from day in Gen.Choose(first, last)
            from n in Gen.Choose(-1000, 1000)
            select (Start: NextWorkingDay(DateOnly.FromDayNumber(day)), N: n);

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var end = Calendar.AddWorkingDays(c.Start, c.N);
            return Calendar.WorkingDaysBetween(c.Start, end) == c.N
                && (c.N == 0 ? end == c.Start : Calendar.IsWorkingDay(end));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddWorkingDays_PositiveFromAnyDay_RoundTrips()
    {
        var gen =
            from day in Gen.Choose(new DateOnly(2014, 1, 1).DayNumber, new DateOnly(2037, 12, 31).DayNumber)
            from n in Gen.Choose(0, 300)
            select (Start: DateOnly.FromDayNumber(day), N: n);

        Prop.ForAll(gen.ToArbitrary(), c => Calendar.WorkingDaysBetween(c.Start, Calendar.AddWorkingDays(c.Start, c.N)) == c.N)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WorkingDaysBetween_Swapped_IsNegated()
    {
        var gen =
            from a in Gen.Choose(new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2050, 1, 1).DayNumber)
            from b in Gen.Choose(new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2050, 1, 1).DayNumber)
            select (From: DateOnly.FromDayNumber(a), To: DateOnly.FromDayNumber(b));

        Prop.ForAll(gen.ToArbitrary(), c => Calendar.WorkingDaysBetween(c.From, c.To) == -Calendar.WorkingDaysBetween(c.To, c.From))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Create_ExtraHoliday_IsNotAWorkingDay()
    {
        // Arrange: a local closure on Thursday 24 December 2026.
        var calendar = EnglandAndWalesCalendar.Create([new DateOnly(2026, 12, 24)]);

        // Act
        var due = calendar.AddWorkingDays(new DateOnly(2026, 12, 23), 1);

        // Assert: 24 closed, 25 Christmas, 26/27 weekend, 28 substitute Boxing Day.
        calendar.IsWorkingDay(new DateOnly(2026, 12, 24)).ShouldBeFalse();
        due.ShouldBe(new DateOnly(2026, 12, 29));
        Calendar.IsWorkingDay(new DateOnly(2026, 12, 24)).ShouldBeTrue();
    }

    [Fact]
    public void Create_ExtraHolidayOutsidePrecomputedYears_IsNotAWorkingDay()
    {
        var calendar = EnglandAndWalesCalendar.Create([new DateOnly(2301, 3, 6)]);

        calendar.IsWorkingDay(new DateOnly(2301, 3, 6)).ShouldBeFalse();
        calendar.WorkingDaysBetween(new DateOnly(2301, 3, 5), new DateOnly(2301, 3, 7)).ShouldBe(1);
    }

    [Fact]
    public void Create_NoExtras_ReturnsDefault()
    {
        EnglandAndWalesCalendar.Create().ShouldBeSameAs(EnglandAndWalesCalendar.Default);
        EnglandAndWalesCalendar.Create([]).ShouldBeSameAs(EnglandAndWalesCalendar.Default);
    }

    /// <summary>The n-th working day after (or before) <paramref name="start"/>, found one day at a time.</summary>
    private static DateOnly StepByDay(DateOnly start, int n)
    {
        var day = start;
        for (var remaining = Math.Abs(n); remaining > 0;)
        {
            day = day.AddDays(Math.Sign(n));
            remaining -= Calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return day;
    }

    private static DateOnly NextWorkingDay(DateOnly date)
    {
        while (!Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
