using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Submissions;
using AuditKit.Tests.Support;
using FsCheck.Fluent;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

public sealed class SubmissionValidatorTests
{
    [Fact]
    public void Validate_ValidRow_AcceptsWithNormalisedValuesByTemplatePosition()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var record = new RowFactory().Row(
            ("audit_id", " A-7 "), ("case_type", "cp"), ("service", "Safeguarding"), ("practitioner", "Ali Khan"),
            ("overall_grade", "Good"), ("child_seen_alone", "yes"), ("child_seen_alone_comment", "Seen at school."),
            ("wishes_recorded", "PARTIALLY"), ("supervision_recorded", "n/a"), ("child_age", "12.5"),
            ("last_visit", "03/11/2026"), ("plan_in_place", "Y"), ("placement", "foster CARE"), ("notes", " Some notes "),
            ("referral_date", "2026-01-31"));

        // Act
        var result = validator.Validate(record);

        // Assert
        result.IsAccepted.ShouldBeTrue();
        result.Rejected.ShouldBeNull();
        var s = result.Submission!;
        s.AuditId.ShouldBe("A-7");
        s.AuditDate.ShouldBe(new DateOnly(2026, 11, 3));
        s.Auditor.ShouldBe("Sam Patel");
        s.CaseRef.ShouldBe("C-100");
        s.CaseType.ShouldBe("CP");
        s.Team.ShouldBe("Team A");
        s.Service.ShouldBe("Safeguarding");
        s.Practitioner.ShouldBe("Ali Khan");
        s.OverallGrade.ShouldBe("Good");
        s.Answers.ShouldBe(["Yes", "Partly", null, "N/A"]);
        s.Comments.ShouldBe(["Seen at school.", null, null, null]);
        s.Facts.ShouldBe([
            Value.FromNumber(12.5), Value.FromDate(new DateOnly(2026, 11, 3)), Value.True, Value.FromText("Foster care"),
            Value.FromText("Some notes"), Value.FromDate(new DateOnly(2026, 1, 31)),
        ]);
        s.Source.ShouldBe(new RowRef("test.csv", 2));
        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("yes", "Yes")]
    [InlineData("YES", "Yes")]
    [InlineData(" Yes ", "Yes")]
    [InlineData("partly", "Partly")]
    [InlineData("Partially", "Partly")]
    [InlineData("no", "No")]
    [InlineData("n/a", "N/A")]
    [InlineData("NA", "N/A")]
    [InlineData("N/A", "N/A")]
    public void Validate_AnswerSpellings_NormaliseToFourValues(string written, string expected)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("child_seen_alone", written)));

        // Assert
        result.Submission!.Answers[0].ShouldBe(expected);
    }

    [Fact]
    public void Validate_AnswerOutsideAllowedValues_RejectsNamingCriterionAndAllowedValues()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("child_seen_alone", "maybe")));

        // Assert
        result.IsAccepted.ShouldBeFalse();
        result.Rejected!.Reasons.ShouldBe(["child_seen_alone: 'maybe' is not an answer; use Yes, Partly, No or N/A"]);
        result.Rejected.AuditId.ShouldBe("A-2");
        result.Rejected.Source.ShouldBe("test.csv");
        result.Rejected.Row.ShouldBe(2);
    }

    [Fact]
    public void Validate_LongBadValue_IsNotEchoedInTheReason()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        const string secret = "The child said something private here";

        // Act
        var result = validator.Validate(new RowFactory().Row(("child_seen_alone", secret), ("child_age", secret)));

        // Assert
        result.Rejected!.Reasons.ShouldBe([
            "child_seen_alone: the value is not an answer; use Yes, Partly, No or N/A",
            "child_age: the value is not a number; use digits with a decimal point, for example 12 or 12.5",
        ]);
    }

    [Fact]
    public void Validate_RequiredValuesBlank_ListsEveryOne()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(
            ("audit_id", null), ("audit_date", " "), ("auditor", null), ("case_ref", null), ("case_type", null), ("team", ""),
            ("child_seen_alone", null), ("supervision_recorded", null)));

        // Assert
        result.Rejected!.AuditId.ShouldBeNull();
        result.Rejected.Reasons.ShouldBe([
            "audit_id: a value is required",
            "audit_date: a value is required",
            "auditor: a value is required",
            "case_ref: a value is required",
            "case_type: a value is required",
            "team: a value is required",
            "child_seen_alone: an answer is required; use Yes, Partly, No or N/A",
            "supervision_recorded: an answer is required; use Yes, Partly, No or N/A",
        ]);
    }

    [Fact]
    public void Validate_OptionalCriterionAndFactsBlank_Accepted()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("wishes_recorded", null)));

        // Assert
        result.IsAccepted.ShouldBeTrue();
        result.Submission!.Answers[1].ShouldBeNull();
        result.Submission.Facts.ShouldAllBe(f => f.IsMissing);
        result.Submission.Service.ShouldBeNull();
    }

    [Fact]
    public void Validate_OnlyRequiredColumnsPresent_AcceptedWithOptionalColumnsBlank()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("min.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded");

        // Act
        var result = validator.Validate(rows.Row());

        // Assert
        result.IsAccepted.ShouldBeTrue();
        result.Submission!.Answers.ShouldBe(["Yes", null, null, "Yes"]);
        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ComputedCriterion_NeedsNoColumnAndIgnoresAGivenOneWithAWarning()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("computed.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded", "plan_smart");

        // Act
        var first = validator.Validate(rows.Row(("plan_smart", "nonsense")));
        var second = validator.Validate(rows.Row(("plan_smart", null)));

        // Assert
        first.IsAccepted.ShouldBeTrue();
        first.Submission!.Answers[2].ShouldBeNull();
        second.IsAccepted.ShouldBeTrue();
        var warning = validator.SourceDiagnostics.ShouldHaveSingleItem();
        warning.Code.ShouldBe("AK3004");
        warning.Severity.ShouldBe(Severity.Warning);
        warning.ToString().ShouldBe("computed.csv: warning AK3004: Column 'plan_smart' is ignored: that criterion is worked out from the case facts and takes no answer.");
    }

    [Fact]
    public void Validate_ComputedCriterionThatReadsAnswer_TakesAnAnswer()
    {
        // Arrange
        var template = new TemplateBuilder()
            .Criterion("seen", metWhen: "answer = 'Yes' and child_age >= 4")
            .Fact("child_age", AuditKit.Templates.FactType.Number)
            .Build();
        var validator = new SubmissionValidator(template);
        var rows = new RowFactory("a.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "seen");

        // Act
        var result = validator.Validate(rows.Row(("seen", null)));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["seen: an answer is required; use Yes, Partly, No or N/A"]);
    }

    [Theory]
    [InlineData("2026-11-03", 2026, 11, 3)]
    [InlineData("03/11/2026", 2026, 11, 3)]
    [InlineData("3/11/2026", 2026, 11, 3)]
    [InlineData("3/1/2026", 2026, 1, 3)]
    [InlineData("2026-11-03T00:00:00", 2026, 11, 3)]
    [InlineData("2026-11-03T14:30:15.123Z", 2026, 11, 3)]
    [InlineData("2026-11-03 00:00:00", 2026, 11, 3)]
    [InlineData("03/11/2026 00:00", 2026, 11, 3)]
    [InlineData("29/02/2028", 2028, 2, 29)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("12/11/2026", 2026, 11, 12)]
    public void Validate_AcceptedDateForms_ReadAsDate(string text, int year, int month, int day)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("audit_date", text), ("last_visit", text)));

        // Assert
        result.Submission!.AuditDate.ShouldBe(new DateOnly(year, month, day));
        result.Submission.Facts[1].ShouldBe(Value.FromDate(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData("31/02/2026", "audit_date: '31/02/2026' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("29/02/2027", "audit_date: '29/02/2027' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("2027-02-29", "audit_date: '2027-02-29' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("11/25/2026", "audit_date: '11/25/2026' is not a date; dates are day first (DD/MM/YYYY), or use YYYY-MM-DD")]
    [InlineData("2/29/2028", "audit_date: '2/29/2028' is not a date; dates are day first (DD/MM/YYYY), or use YYYY-MM-DD")]
    [InlineData("2026-13-01", "audit_date: '2026-13-01' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("03/11/26", "audit_date: '03/11/26' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("2026/11/03", "audit_date: '2026/11/03' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("3 Nov 2026", "audit_date: '3 Nov 2026' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("2026-11-03T25:00", "audit_date: '2026-11-03T25:00' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    [InlineData("2026-11-03x", "audit_date: '2026-11-03x' is not a date; use YYYY-MM-DD or DD/MM/YYYY")]
    public void Validate_BadDate_RejectedWithReason(string text, string reason)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("audit_date", text)));

        // Assert
        result.Rejected!.Reasons.ShouldBe([reason]);
    }

    [Fact]
    public void Validate_MonthFirstFactDate_NamesTheFactColumn()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("last_visit", "12/31/2026")));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["last_visit: '12/31/2026' is not a date; dates are day first (DD/MM/YYYY), or use YYYY-MM-DD"]);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.5", 12.5)]
    [InlineData("-3", -3)]
    [InlineData(" 0.25 ", 0.25)]
    [InlineData("1e2", 100)]
    public void Validate_NumberFact_ReadInvariant(string text, double expected)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("child_age", text)));

        // Assert
        result.Submission!.Facts[0].ShouldBe(Value.FromNumber(expected));
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("12,5")]
    [InlineData("1,234")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("12 years")]
    public void Validate_NotANumber_RejectedNamingTheColumn(string text)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("child_age", text)));

        // Assert
        result.Rejected!.Reasons.ShouldBe([$"child_age: '{text}' is not a number; use digits with a decimal point, for example 12 or 12.5"]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("yes", true)]
    [InlineData("No", false)]
    [InlineData("y", true)]
    [InlineData("N", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Validate_BoolFact_AcceptsCommonSpellings(string text, bool expected)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("plan_in_place", text)));

        // Assert
        result.Submission!.Facts[2].ShouldBe(Value.FromBool(expected));
    }

    [Fact]
    public void Validate_BadBoolAndChoice_RejectedWithAllowedValues()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("plan_in_place", "maybe"), ("placement", "Hospital")));

        // Assert
        result.Rejected!.Reasons.ShouldBe([
            "plan_in_place: 'maybe' is not true or false; use true/false, yes/no, y/n or 1/0",
            "placement: 'Hospital' is not one of the choices; use Home, Foster care or Residential",
        ]);
    }

    [Fact]
    public void Validate_RequiredFactBlank_Rejected()
    {
        // Arrange
        var validator = new SubmissionValidator(Template(referralDateRequired: true));

        // Act
        var result = validator.Validate(new RowFactory().Row(("referral_date", "  ")));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["referral_date: a value is required"]);
    }

    [Fact]
    public void Validate_UnknownCaseType_ListsAllowedTypes()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());

        // Act
        var result = validator.Validate(new RowFactory().Row(("case_type", "Adoption")));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["case_type: 'Adoption' is not a case type of this template; use CIN, CP or LAC"]);
    }

    [Theory]
    [InlineData("test-template", true)]
    [InlineData("TEST-TEMPLATE", true)]
    [InlineData(null, true)]
    [InlineData("quality-of-practice", false)]
    public void Validate_TemplateColumn_MustMatchTemplateId(string? written, bool accepted)
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("t.csv", [.. RowFactory.AllColumns, "template"]);

        // Act
        var result = validator.Validate(rows.Row(("template", written)));

        // Assert
        result.IsAccepted.ShouldBe(accepted);
        if (!accepted)
        {
            result.Rejected!.Reasons.ShouldBe(["template: 'quality-of-practice' does not match template 'test-template'; this row belongs to another template"]);
        }
    }

    [Fact]
    public void Validate_SeveralProblemsOnOneRow_ListsEveryReasonInColumnOrder()
    {
        // Arrange
        var validator = new SubmissionValidator(Template(referralDateRequired: true));

        // Act
        var result = validator.Validate(new RowFactory().Row(
            ("audit_date", "31/02/2026"), ("team", null), ("case_type", "XX"), ("child_seen_alone", "Si"),
            ("supervision_recorded", null), ("child_age", "ten"), ("placement", "Hotel"), ("referral_date", null)));

        // Assert
        result.Rejected!.Reasons.ShouldBe([
            "audit_date: '31/02/2026' is not a date; use YYYY-MM-DD or DD/MM/YYYY",
            "case_type: 'XX' is not a case type of this template; use CIN, CP or LAC",
            "team: a value is required",
            "child_seen_alone: 'Si' is not an answer; use Yes, Partly, No or N/A",
            "supervision_recorded: an answer is required; use Yes, Partly, No or N/A",
            "child_age: 'ten' is not a number; use digits with a decimal point, for example 12 or 12.5",
            "placement: 'Hotel' is not one of the choices; use Home, Foster care or Residential",
            "referral_date: a value is required",
        ]);
    }

    [Fact]
    public void Validate_RequiredColumnMissing_RejectsEveryRowAndReportsOnce()
    {
        // Arrange
        var validator = new SubmissionValidator(Template(referralDateRequired: true));
        var rows = new RowFactory("nocols.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "child_seen_alone", "child_age");

        // Act
        var results = new[] { validator.Validate(rows.Row()), validator.Validate(rows.Row(("child_age", "x"))) };

        // Assert
        results[0].Rejected!.Reasons.ShouldBe([
            "team: the column is missing from this file",
            "supervision_recorded: the column is missing from this file",
            "referral_date: the column is missing from this file",
        ]);
        results[1].Rejected!.Reasons.ShouldBe([
            "team: the column is missing from this file",
            "supervision_recorded: the column is missing from this file",
            "referral_date: the column is missing from this file",
            "child_age: 'x' is not a number; use digits with a decimal point, for example 12 or 12.5",
        ]);
        validator.SourceDiagnostics.Select(d => d.ToString()).ShouldBe([
            "nocols.csv: error AK3001: Column 'team' is missing, so every row of this file is rejected.",
            "nocols.csv: error AK3001: Column 'supervision_recorded' is missing, so every row of this file is rejected.",
            "nocols.csv: error AK3001: Column 'referral_date' is missing, so every row of this file is rejected.",
        ]);
    }

    [Fact]
    public void Validate_TypoInCriterionColumn_WarnsWithHintAndRejectsForTheMissingColumn()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var records = ReadCsv("typo-header.csv");

        // Act
        var result = validator.Validate(records.Single());

        // Assert
        result.Rejected!.Reasons.ShouldBe(["child_seen_alone: the column is missing from this file ('child_seen_alon' may be a misspelling of it)"]);
        validator.SourceDiagnostics.Select(d => d.ToString()).ShouldBe([
            "typo-header.csv: error AK3001: Column 'child_seen_alone' is missing, so every row of this file is rejected. Is 'child_seen_alon' meant to be 'child_seen_alone'?",
            "typo-header.csv: warning AK3003: Column 'child_seen_alon' is not used by template 'test-template', so its values are ignored. Did you mean 'child_seen_alone'?",
            "typo-header.csv: warning AK3003: Column 'mystery' is not used by template 'test-template', so its values are ignored.",
        ]);
    }

    [Fact]
    public void Validate_TypoInOptionalColumn_WarnsAndAcceptsTheRow()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("o.csv", [.. RowFactory.AllColumns.Where(c => c != "wishes_recorded"), "wishes_recroded"]);

        // Act
        var result = validator.Validate(rows.Row(("wishes_recroded", "Yes")));

        // Assert
        result.IsAccepted.ShouldBeTrue();
        validator.SourceDiagnostics.ShouldHaveSingleItem().Message
            .ShouldBe("Column 'wishes_recroded' is not used by template 'test-template', so its values are ignored. Did you mean 'wishes_recorded'?");
    }

    [Fact]
    public void Validate_HeaderNamesDifferInCase_StillMatch()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("c.csv", [.. RowFactory.AllColumns.Select(c => c.ToUpperInvariant())]);
        var record = rows.Row(("AUDIT_DATE", "2026-11-03"), ("AUDITOR", "Sam"), ("CASE_REF", "C-1"), ("CASE_TYPE", "CP"), ("TEAM", "Team A"),
            ("CHILD_SEEN_ALONE", "Yes"), ("SUPERVISION_RECORDED", "No"), ("AUDIT_ID", "X-1"));

        // Act
        var result = validator.Validate(record);

        // Assert
        result.IsAccepted.ShouldBeTrue();
        result.Submission!.Answers.ShouldBe(["Yes", null, null, "No"]);
        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ColumnGivenTwice_RejectsEveryRowAndReportsIt()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("twice.csv", [.. RowFactory.AllColumns, "Child_Seen_Alone"]);

        // Act
        var result = validator.Validate(rows.Row());

        // Assert
        result.Rejected!.Reasons.ShouldBe(["child_seen_alone: the column appears more than once in this file, so its value is ambiguous"]);
        validator.SourceDiagnostics.ShouldHaveSingleItem().ToString()
            .ShouldBe("twice.csv: error AK3002: Column 'child_seen_alone' appears more than once, so every row of this file is rejected.");
    }

    [Fact]
    public void Validate_NamelessColumnWithValues_WarnsOnce()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("n.csv", [.. RowFactory.AllColumns, ""]);

        // Act
        validator.Validate(rows.Row());
        validator.Validate(rows.Row(("", "something")));
        validator.Validate(rows.Row(("", "more")));

        // Assert
        validator.SourceDiagnostics.ShouldHaveSingleItem().ToString()
            .ShouldBe("n.csv: warning AK3005: Column 20 has values but no name in the header, so they are ignored.");
    }

    [Fact]
    public void Validate_RecordWithReadProblem_RejectedWithThatReasonAndItsAuditId()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var record = new RowFactory().Row() with { ReadProblem = "the row has 7 cells but the header has 6 columns" };

        // Act
        var result = validator.Validate(record);

        // Assert
        result.Rejected!.Reasons.ShouldBe(["the row has 7 cells but the header has 6 columns"]);
        result.Rejected.AuditId.ShouldBe("A-2");
    }

    [Fact]
    public void Validate_FileLevelProblemWithoutHeader_Rejected()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var record = ReadJson("not-array.json").Single();

        // Act
        var result = validator.Validate(record);

        // Assert
        var rejected = result.Rejected.ShouldNotBeNull();
        (rejected.Source, rejected.Row, rejected.AuditId).ShouldBe(("not-array.json", 0, (string?)null));
        rejected.Reasons.ShouldBe(["the file holds one JSON object, not an array of objects; put the object (and any others) in one array: [ {...}, {...} ]"]);

        // The one reason names the real problem: no "column missing" diagnostics for a file that has no columns.
        validator.SourceDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_SameAuditIdIdenticalAcrossSources_CountedOnce()
    {
        // Arrange: batch-b repeats A-2 of batch-a exactly (other column order), A-3 with a different answer.
        var validator = new SubmissionValidator(Template());
        var records = ReadCsv("batch-a.csv").Concat(ReadCsv("batch-b.csv")).ToList();

        // Act
        var results = records.Select(validator.Validate).ToList();

        // Assert
        results.Select(r => r.IsAccepted).ShouldBe([true, true, true, false, false, true]);
        (results[3].Rejected!.Source, results[3].Rejected!.Row, results[3].Rejected!.AuditId).ShouldBe(("batch-b.csv", 2, (string?)"A-2"));
        results[3].Rejected!.Reasons.ShouldBe(["duplicate of batch-a.csv row 3 (identical); it is counted once"]);
        results[4].Rejected!.Reasons.ShouldBe([
            "audit_id 'A-3' was already used by batch-a.csv row 4 with different content; give each audit its own id, or remove the older row",
        ]);
        results[5].Submission!.AuditId.ShouldBe("A-9");
    }

    [Fact]
    public void Validate_SameAuditIdInOneFile_SecondRejectedWhetherIdenticalOrNot()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory();

        // Act
        var first = validator.Validate(rows.Row(("audit_id", "X-1")));
        var identical = validator.Validate(rows.Row(("audit_id", "X-1")));
        var differentCase = validator.Validate(rows.Row(("audit_id", "x-1"), ("team", "Team B")));

        // Assert
        first.IsAccepted.ShouldBeTrue();
        identical.Rejected!.Reasons.ShouldBe(["duplicate of test.csv row 2 (identical); it is counted once"]);
        differentCase.Rejected!.Reasons.ShouldBe([
            "audit_id 'x-1' was already used by test.csv row 2 with different content; give each audit its own id, or remove the older row",
        ]);
    }

    [Fact]
    public void Validate_RejectedRowDoesNotClaimItsAuditId_SoACorrectedCopyIsAccepted()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory();

        // Act
        var bad = validator.Validate(rows.Row(("audit_id", "X-1"), ("audit_date", "31/02/2026")));
        var fixedRow = validator.Validate(rows.Row(("audit_id", "X-1")));
        var badAgain = validator.Validate(rows.Row(("audit_id", "X-1"), ("audit_date", "31/02/2026")));

        // Assert
        bad.IsAccepted.ShouldBeFalse();
        fixedRow.IsAccepted.ShouldBeTrue();
        badAgain.Rejected!.Reasons.ShouldBe([
            "audit_date: '31/02/2026' is not a date; use YYYY-MM-DD or DD/MM/YYYY",
            "audit_id 'X-1' was already used by test.csv row 3 with different content; give each audit its own id, or remove the older row",
        ]);
    }

    [Fact]
    public void Validate_DuplicateOfJsonItem_SaysItem()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var json = new RowFactory("first.json");
        var csv = new RowFactory("second.csv");

        // Act
        validator.Validate(json.Row(("audit_id", "X-1")));
        var result = validator.Validate(csv.Row(("audit_id", "X-1")));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["duplicate of first.json item 2 (identical); it is counted once"]);
    }

    [Fact]
    public void Validate_BlankCellAndAbsentColumn_CountAsTheSameContent()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var wide = new RowFactory("wide.csv");
        var narrow = new RowFactory("narrow.csv", "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "wishes_recorded", "supervision_recorded");

        // Act
        validator.Validate(wide.Row(("audit_id", "X-1")));
        var result = validator.Validate(narrow.Row(("audit_id", "X-1")));

        // Assert
        result.Rejected!.Reasons.ShouldBe(["duplicate of wide.csv row 2 (identical); it is counted once"]);
    }

    [Fact]
    public void Validate_SameValueInAnotherColumn_IsDifferentContent()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory();

        // Act
        validator.Validate(rows.Row(("audit_id", "X-1"), ("service", "North")));
        var result = validator.Validate(rows.Row(("audit_id", "X-1"), ("practitioner", "North")));

        // Assert
        result.Rejected!.Reasons.ShouldBe([
            "audit_id 'X-1' was already used by test.csv row 2 with different content; give each audit its own id, or remove the older row",
        ]);
    }

    [Fact]
    public void Validate_MixedProblemsFile_MatchesSnapshot()
    {
        // Arrange
        var validator = new SubmissionValidator(Template(referralDateRequired: true));
        var records = ReadCsv("mixed-problems.csv");

        // Act
        var lines = new List<string>();
        foreach (var record in records)
        {
            var result = validator.Validate(record);
            lines.Add(result.IsAccepted
                ? $"row {record.Row}: accepted {result.Submission!.AuditId} {result.Submission.CaseType} [{string.Join(", ", result.Submission.Answers)}] [{string.Join(", ", result.Submission.Facts)}]"
                : $"row {record.Row}: rejected {result.Rejected!.AuditId ?? "(no id)"}\n" + string.Join("\n", result.Rejected.Reasons.Select(r => "  - " + r)));
        }

        lines.AddRange(validator.SourceDiagnostics.Select(d => d.ToString()));

        // Assert
        Snapshot.Match(string.Join("\n", lines), "mixed-problems");
    }

    [Fact]
    public void Constructor_NullTemplate_Throws()
    {
        Should.Throw<ArgumentNullException>(() => new SubmissionValidator(null!));
        Should.Throw<ArgumentNullException>(() => new SubmissionValidator(Template()).Validate(null!));
    }
}
