using System.Globalization;
using AuditKit.Diagnostics;
using AuditKit.Submissions;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

/// <summary>
/// Dates with slashes are read day first; when the other reading is a date too, a row whose date only makes sense
/// month first (far from the file's other dates, or in a file with a date that can only be month first) is warned about.
/// </summary>
public sealed class DayMonthOrderTests
{
    [Fact]
    public void Validate_NovemberFileWithOneDateReadAsMarch_WarnsNamingTheRowAndTheFix()
    {
        // Arrange: audits in November, one written month first (11/03/2026 for 3 November), which reads as 11 March.
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("nov.csv");
        string[] dates = ["2026-11-02", "04/11/2026", "2026-11-05", "11/03/2026", "2026-11-09", "30/10/2026"];

        // Act
        var results = dates.Select(d => validator.Validate(rows.Row(("audit_date", d)))).ToList();

        // Assert: accepted as written (day first), with one warning.
        results.ShouldAllBe(r => r.Submission != null);
        results[3].Submission!.AuditDate.ShouldBe(new DateOnly(2026, 3, 11));
        var warning = validator.SourceDiagnostics.ShouldHaveSingleItem();
        warning.Code.ShouldBe(Messages.Submissions.ImplausibleDateCode);
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Location.File.ShouldBe("nov.csv");
        warning.Message.ShouldBe(
            "Row 5 has audit_date '11/03/2026', read day first as 11 March 2026, but no other audit date of this file is within 2 months of it, "
            + "while 4 are within 2 months of 3 November 2026. If it was written month first, write it as 2026-11-03 or 03/11/2026: dates with slashes are read day first.");
    }

    [Fact]
    public void Validate_FileOverAWholeYear_AmbiguousDatesAmongTheOthersAreNotWarnedAbout()
    {
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("year.csv");

        foreach (var month in Enumerable.Range(1, 12))
        {
            validator.Validate(rows.Row(("audit_date", new DateOnly(2026, month, 20).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))));
            validator.Validate(rows.Row(("audit_date", new DateOnly(2026, month, 5).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))));
        }

        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_FileWithADateThatCanOnlyBeMonthFirst_WarnsThatItsOtherDatesMayBeMonthFirstToo()
    {
        // Arrange: 11/25/2026 can only be 25 November; 03/11/2026 and 10/11/2026 then probably mean 11 March and 11 October.
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("us.csv");

        // Act
        var results = new[]
        {
            validator.Validate(rows.Row(("audit_date", "03/11/2026"))),
            validator.Validate(rows.Row(("audit_date", "10/11/2026"), ("last_visit", "11/25/2026"))),
            validator.Validate(rows.Row(("audit_date", "2026-11-20"))),
        };

        // Assert
        results[1].Rejected.ShouldNotBeNull().Reasons.ShouldBe([Messages.Submissions.MonthFirstDate("last_visit", "11/25/2026")]);
        validator.SourceDiagnostics.Select(d => d.Message).ShouldBe(
        [
            "Row 3 has last_visit '11/25/2026', which can only be month first, so this file may write dates month first: 2 date(s) with day and month "
            + "both 12 or under were read day first (the first: row 2, audit_date '03/11/2026', read as 3 November 2026). Check them, and write dates as YYYY-MM-DD.",
        ]);
    }

    [Fact]
    public void Validate_IsoDatesOrDaysOver12_NeverWarned()
    {
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("plain.csv");
        foreach (var text in (string[])["2026-11-02", "2026-03-11", "13/11/2026", "2026-11-30", "05/05/2026", "2026-11-03"])
        {
            validator.Validate(rows.Row(("audit_date", text)));
        }

        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_GeneratedFiles_AnOutlyingSwappableDateIsWarnedAboutAndOneAmongTheOthersNever()
    {
        // Arrange: files of audits in a two-month window written so they read one way (ISO, or day over 12), plus one date
        // written day first that could be swapped: its day-first reading either far from the window or inside it.
        var random = new Random(1303);
        for (var run = 0; run < 300; run++)
        {
            var validator = new SubmissionValidator(Template());
            var rows = new RowFactory($"file{run}.csv");
            var start = new DateOnly(2024 + random.Next(3), 1 + random.Next(11), 1);
            var count = random.Next(DayMonthOrder.MinimumDates, 30);
            var odd = random.Next(count + 1);
            var (day, month, far) = Swappable(random, start);
            var oddRow = 0;
            for (var i = 0; i <= count; i++)
            {
                string text;
                if (i == odd)
                {
                    text = string.Create(CultureInfo.InvariantCulture, $"{day:00}/{month:00}/{start.Year}");
                    oddRow = i + 2;
                }
                else
                {
                    var date = start.AddDays(random.Next(59));
                    text = date.Day > 12 && random.Next(2) == 0 ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                // Act
                validator.Validate(rows.Row(("audit_date", text)));
            }

            // Assert
            var warnings = validator.SourceDiagnostics.Where(d => d.Code == Messages.Submissions.ImplausibleDateCode).ToList();
            if (far)
            {
                warnings.ShouldHaveSingleItem($"run {run}").Message.ShouldStartWith($"Row {oddRow} has audit_date", Case.Sensitive, $"run {run}");
            }
            else
            {
                warnings.ShouldBeEmpty($"run {run}");
            }
        }
    }

    /// <summary>
    /// A day and month both 12 or under: written day first it reads as month <c>month</c>; its swap (month <c>day</c>)
    /// is in the window starting at <paramref name="start"/>. <c>far</c>: the day-first reading is far from the window.
    /// </summary>
    private static (int Day, int Month, bool Far) Swappable(Random random, DateOnly start)
    {
        while (true)
        {
            var swappedMonth = start.Month + random.Next(2);
            var readMonth = 1 + random.Next(12);
            if (swappedMonth > 12 || readMonth == swappedMonth)
            {
                continue;
            }

            var distance = Math.Min(Math.Abs(readMonth - start.Month), Math.Abs(readMonth - (start.Month + 1)));
            var far = distance > DayMonthOrder.NearMonths + 1;
            var inside = readMonth == start.Month || readMonth == start.Month + 1;
            if (far || inside)
            {
                return (swappedMonth, readMonth, far);
            }
        }
    }
}
