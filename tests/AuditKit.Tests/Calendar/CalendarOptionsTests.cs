using AuditKit.Calendar;

namespace AuditKit.Tests.Calendar;

public sealed class CalendarOptionsTests
{
    [Fact]
    public void Validate_BadAndBlankDates_ReportsEachWithItsKey()
    {
        // Arrange
        var options = new CalendarOptions { ExtraHolidays = ["2026-12-24", "24/12/2026", " ", "2026-02-30"] };

        // Act
        var diagnostics = options.Validate();

        // Assert
        string.Join('\n', diagnostics.Select(d => d.ToString())).ShouldBe(
            """
            Calendar:ExtraHolidays:1: error AK4001: Extra holiday '24/12/2026' is not a date in the form YYYY-MM-DD, for example '2026-12-24'.
            Calendar:ExtraHolidays:2: error AK4002: Extra holiday is blank; give a date in the form YYYY-MM-DD or remove the entry.
            Calendar:ExtraHolidays:3: error AK4001: Extra holiday '2026-02-30' is not a date in the form YYYY-MM-DD, for example '2026-12-24'.
            """);
    }

    [Fact]
    public void Validate_WeekendRepeatedAndBankHoliday_Warns()
    {
        var options = new CalendarOptions { ExtraHolidays = ["2026-11-07", "2026-12-24", "2026-12-24", "2026-12-25"] };

        var diagnostics = options.Validate();

        diagnostics.Select(d => d.Code).ShouldBe(["AK4004", "AK4003", "AK4005"]);
        diagnostics.ShouldAllBe(d => !d.IsError);
    }

    [Fact]
    public void CreateCalendar_ValidDates_AddsThem()
    {
        var result = new CalendarOptions { ExtraHolidays = ["2026-12-24"] }.CreateCalendar();

        result.Success.ShouldBeTrue();
        result.Value!.IsWorkingDay(new DateOnly(2026, 12, 24)).ShouldBeFalse();
    }

    [Fact]
    public void CreateCalendar_BadDate_Fails()
    {
        var result = new CalendarOptions { ExtraHolidays = ["tomorrow"] }.CreateCalendar();

        result.Success.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Diagnostics.Single().Code.ShouldBe("AK4001");
    }
}
