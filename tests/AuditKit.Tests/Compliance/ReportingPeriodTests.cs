using AuditKit.Compliance;

namespace AuditKit.Tests.Compliance;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2026-11-30", PeriodLength.Month, "2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2028-02-10", PeriodLength.Month, "2028-02", "2028-02-01", "2028-02-29")]
    [InlineData("2026-01-01", PeriodLength.Quarter, "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-12-31", PeriodLength.Quarter, "2026-Q4", "2026-10-01", "2026-12-31")]
    public void Of_Date_GivesThePeriodWithItsFirstAndLastDay(string date, PeriodLength length, string name, string first, string last)
    {
        var period = ReportingPeriod.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), length);

        (period.Name, period.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe((name, first, last));
        ReportingPeriod.TryParse(name, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(period);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-11-01")]
    [InlineData("26-11")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAMonthOrQuarter_IsFalse(string? text) => ReportingPeriod.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Next_LastMonthAndQuarterOfTheYear_GoIntoTheNextYear()
    {
        new ReportingPeriod(2026, 12, PeriodLength.Month).Next.Name.ShouldBe("2027-01");
        new ReportingPeriod(2026, 4, PeriodLength.Quarter).Next.Name.ShouldBe("2027-Q1");
        ReportingPeriod.TryParse("2026-q3", out var lower).ShouldBeTrue();
        lower.Name.ShouldBe("2026-Q3");
    }

    [Fact]
    public void Previous_FirstMonthAndQuarterOfTheYear_GoIntoTheYearBefore()
    {
        new ReportingPeriod(2027, 1, PeriodLength.Month).Previous.Name.ShouldBe("2026-12");
        new ReportingPeriod(2027, 1, PeriodLength.Quarter).Previous.Name.ShouldBe("2026-Q4");
        new ReportingPeriod(2026, 3, PeriodLength.Month).Previous.Name.ShouldBe("2026-02");
    }
}
