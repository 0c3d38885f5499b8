using AuditKit.Submissions;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

public sealed class DataQualityCounterTests
{
    [Fact]
    public void Complete_CountsBlanksPerFieldInColumnOrder()
    {
        // Arrange
        var counter = new DataQualityCounter(Template());
        var rows = new RowFactory();
        counter.Add(rows.Row(("service", "Safeguarding"), ("child_age", "12")));
        counter.Add(rows.Row(("team", " "), ("wishes_recorded", null)));
        counter.Add(rows.Row(("team", null), ("wishes_recorded", null), ("child_age", "7")));
        counter.Add(rows.Row(("service", "Early help")));

        // Act
        var report = counter.Complete();

        // Assert
        report.Threshold.ShouldBe(0.05);
        report.Fields.Select(f => $"{f.Field} {f.Blank}/{f.Total}").ShouldBe([
            "audit_id 0/4", "audit_date 0/4", "auditor 0/4", "case_ref 0/4", "case_type 0/4", "team 2/4",
            "service 2/4", "practitioner 4/4", "overall_grade 4/4",
            "child_seen_alone 0/4", "wishes_recorded 2/4", "supervision_recorded 0/4",
            "child_age 2/4", "last_visit 4/4", "plan_in_place 4/4", "placement 4/4", "notes 4/4", "referral_date 4/4",
        ]);
    }

    [Fact]
    public void Complete_ComputedCriterionLeftOut_AbsentColumnCountsAsBlank()
    {
        // Arrange
        var counter = new DataQualityCounter(Template());
        var rows = new RowFactory("n.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone");
        counter.Add(rows.Row());
        counter.Add(rows.Row(("team", null)));

        // Act
        var report = counter.Complete(0.10);

        // Assert
        report.Fields.ShouldNotContain(f => f.Field == "plan_smart");
        report.Fields.Single(f => f.Field == "supervision_recorded").ShouldBe(new FieldQuality("supervision_recorded", 2, 2));
        report.Fields.Single(f => f.Field == "team").Share.ShouldBe(0.5);
        report.Threshold.ShouldBe(0.10);
        report.OverThreshold.Select(f => f.Field).ShouldContain("team");
        report.OverThreshold.Select(f => f.Field).ShouldNotContain("audit_id");
    }

    [Fact]
    public void Add_RowWithReadProblem_IsNotCounted()
    {
        // Arrange
        var counter = new DataQualityCounter(Template());
        var rows = new RowFactory();
        counter.Add(rows.Row());
        counter.Add(rows.Row(("team", null)) with { ReadProblem = "broken" });

        // Act
        var report = counter.Complete();

        // Assert
        counter.Rows.ShouldBe(1);
        report.Fields.Single(f => f.Field == "team").ShouldBe(new FieldQuality("team", 0, 1));
    }

    [Fact]
    public void Add_RowsFromSeveralSources_CountedTogether()
    {
        // Arrange
        var counter = new DataQualityCounter(Template());

        // Act
        foreach (var record in ReadCsv("batch-a.csv").Concat(ReadCsv("batch-b.csv")))
        {
            counter.Add(record);
        }

        var report = counter.Complete();

        // Assert
        report.Fields.Single(f => f.Field == "service").ShouldBe(new FieldQuality("service", 3, 6));
        report.Fields.Single(f => f.Field == "wishes_recorded").ShouldBe(new FieldQuality("wishes_recorded", 2, 6));
        report.Fields.Single(f => f.Field == "child_age").ShouldBe(new FieldQuality("child_age", 3, 6) { Expected = false });
    }

    [Fact]
    public void OverThreshold_OptionalFactsAndAuditorsGrade_ReportedButNeverFlagged()
    {
        // Arrange: child_age is an optional fact; overall_grade is the auditor's optional own grade.
        var counter = new DataQualityCounter(Template());
        foreach (var record in ReadCsv("batch-a.csv").Concat(ReadCsv("batch-b.csv")))
        {
            counter.Add(record);
        }

        // Act
        var report = counter.Complete();

        // Assert: half blank, listed with its share, but not over the threshold; an expected field is flagged.
        var age = report.Fields.Single(f => f.Field == "child_age");
        age.Share.ShouldBe(0.5);
        report.IsOverThreshold(age).ShouldBeFalse();
        report.Fields.Single(f => f.Field == "overall_grade").Expected.ShouldBeFalse();
        report.OverThreshold.Select(f => f.Field).ShouldContain("service");
    }

    [Fact]
    public void Complete_NoRows_GivesZeroTotals()
    {
        // Act
        var report = new DataQualityCounter(Template()).Complete();

        // Assert
        report.Fields.ShouldAllBe(f => f.Total == 0 && f.Blank == 0 && f.Share == 0);
        report.OverThreshold.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Complete_ThresholdOutsideZeroToOne_Throws(double threshold)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new DataQualityCounter(Template()).Complete(threshold));
    }
}
