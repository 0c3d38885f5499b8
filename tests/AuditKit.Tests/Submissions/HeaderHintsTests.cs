using AuditKit.Diagnostics;
using AuditKit.Submissions;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

/// <summary>A header in which no column is known gets the one reason that names the real problem.</summary>
public sealed class HeaderHintsTests
{
    [Theory]
    [InlineData("audit_id;audit_date;auditor;case_ref;case_type;team", "semicolons (;)")]
    [InlineData("audit_id\taudit_date\tauditor\tcase_ref\tcase_type\tteam", "tabs")]
    public void Validate_OtherSeparator_OneReasonNamingItAndNoColumnMissing(string header, string separator)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = CsvSubmissionReader.Read(new StringReader(header + "\nA-1;2026-11-03;Sam;C-1;CP;Team A\n"), "semi.csv").ToList();

        // Act
        var result = validator.Validate(rows.Single());

        // Assert
        result.Rejected.ShouldNotBeNull().Reasons.ShouldBe([Messages.Submissions.SeparatedBy(separator)]);
        validator.SourceDiagnostics.ShouldHaveSingleItem().Code.ShouldBe(Messages.Submissions.HeaderNotReadCode);
    }

    [Fact]
    public void Validate_FormSavedAsCsv_SaysItIsAForm()
    {
        // Arrange: the form's title row, as Excel writes it when the form is saved as CSV.
        var template = Template();
        var csv = $"{template.Title} ({template.Id}, version {template.Version}),,,,\n,Case,,,\naudit_id,audit_date,auditor,case_ref,team\nA-1,2026-11-03,Sam,C-1,Team A\n";
        var validator = new SubmissionValidator(template);

        // Act
        var results = CsvSubmissionReader.Read(new StringReader(csv), "form.csv").Select(validator.Validate).ToList();

        // Assert
        results.ShouldAllBe(r => r.Rejected != null && r.Rejected.Reasons.Length == 1 && r.Rejected.Reasons[0] == Messages.Submissions.FormSavedAsCsv);
        validator.SourceDiagnostics.ShouldHaveSingleItem().Code.ShouldBe(Messages.Submissions.HeaderNotReadCode);
    }
}
