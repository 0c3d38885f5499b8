using System.Globalization;
using AuditKit.Diagnostics;
using AuditKit.Submissions;
using FsCheck;
using FsCheck.Fluent;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

/// <summary>Impossible dates are rejected, implausible ones warned about, and no valid date is refused.</summary>
public sealed class SubmissionDatesTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("31/12/9999")]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2100-01-01")]
    public void Validate_ImpossibleAuditDate_RejectedWithTheYearsAllowed(string written)
    {
        // Arrange
        var validator = new SubmissionValidator(Template()) { AsOf = AsOf };

        // Act
        var result = validator.Validate(new RowFactory().Row(("audit_date", written)));

        // Assert
        result.Rejected.ShouldNotBeNull().Reasons.ShouldBe([$"audit_date: '{written}' cannot be right; dates must be in the years 2000 to 2099"]);
    }

    [Fact]
    public void Validate_ImpossibleFactDate_Rejected()
    {
        var validator = new SubmissionValidator(Template());

        var result = validator.Validate(new RowFactory().Row(("last_visit", "9999-12-31")));

        result.Rejected.ShouldNotBeNull().Reasons.ShouldBe(["last_visit: '9999-12-31' cannot be right; dates must be in the years 1900 to 2099"]);
    }

    [Fact]
    public void Validate_AuditDatesAfterAsOf_AcceptedWithOneWarningPerFileNamingTheFirstRow()
    {
        // Arrange
        var validator = new SubmissionValidator(Template()) { AsOf = AsOf };
        var rows = new RowFactory("late.csv");

        // Act
        var results = new[]
        {
            validator.Validate(rows.Row(("audit_date", "2026-11-03"))),
            validator.Validate(rows.Row(("audit_date", "11/03/2027"))),
            validator.Validate(rows.Row(("audit_date", "2027-01-04"))),
            validator.Validate(rows.Row(("audit_date", "2019-05-01"))),
        };

        // Assert
        results.ShouldAllBe(r => r.Rejected == null);
        var warnings = validator.SourceDiagnostics.Where(d => d.Code == Messages.Submissions.ImplausibleDateCode).ToList();
        warnings.Select(w => w.Message).ShouldBe(
        [
            Messages.Submissions.AuditDateAfterAsOf(3, new DateOnly(2027, 3, 11), AsOf),
            Messages.Submissions.AuditDateYearsBeforeAsOf(5, new DateOnly(2019, 5, 1), AsOf, SubmissionValidator.OldAuditYears),
        ]);
        warnings.ShouldAllBe(w => w.Severity == Severity.Warning && w.Location.File == "late.csv");
    }

    [Fact]
    public void Validate_AnyDateAtAll_IsAcceptedInTheYearsAllowedAndRejectedOutsideThem()
    {
        var gen = Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber).Select(DateOnly.FromDayNumber);
        Prop.ForAll(gen.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (date, ukStyle) =>
        {
            var validator = new SubmissionValidator(Template()) { AsOf = AsOf };
            var written = date.ToString(ukStyle ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var result = validator.Validate(new RowFactory().Row(("audit_date", written)));
            var allowed = date >= SubmissionValidator.EarliestAuditDate && date <= SubmissionValidator.LatestDate;
            return allowed ? result.Submission?.AuditDate == date : result.Rejected is not null;
        }).QuickCheckThrowOnFailure();
    }
}
