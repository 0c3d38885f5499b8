using AuditKit.Diagnostics;
using AuditKit.Submissions;
using FsCheck;
using FsCheck.Fluent;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

/// <summary>Identifying fields: no control characters, no replacement character; one team however it is spelt.</summary>
public sealed class IdentifyingFieldsTests
{
    private static readonly string[] Fields = ["audit_id", "auditor", "case_ref", "team", "service", "practitioner"];

    [Fact]
    public void Validate_ControlCharacterInAnyIdentifyingField_RejectedWithTheColumnAndPlaceNeverTheValue()
    {
        var gen =
            from field in Gen.Elements(Fields)
            from code in Gen.OneOf(Gen.Choose(0, 0x1F), Gen.Choose(0x7F, 0x9F), Gen.Elements(0x202E, 0x2066, 0xFFFD))
            where !char.IsWhiteSpace((char)code) || code == 0x85
            select (Field: field, Character: (char)code);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var validator = new SubmissionValidator(Template());
            var result = validator.Validate(new RowFactory().Row((c.Field, "Secret" + c.Character + "Name")));
            var reasons = result.Rejected?.Reasons ?? [];
            return reasons.Length == 1
                && reasons[0].StartsWith(c.Field + ": holds the ", StringComparison.Ordinal)
                && reasons[0].Contains("at character 7", StringComparison.Ordinal)
                && !reasons[0].Contains("Secret", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Validate_Nul_NamesItsCode()
    {
        var validator = new SubmissionValidator(Template());

        var result = validator.Validate(new RowFactory().Row(("team", "Team\0A")));

        result.Rejected.ShouldNotBeNull().Reasons.ShouldBe([Messages.Submissions.ControlCharacter("team", '\0', 5)]);
    }

    [Fact]
    public void Validate_TeamsDifferingInCaseOrSpacing_AreOneTeamSpeltTheFirstWayWithAWarningPerSpelling()
    {
        // Arrange
        var validator = new SubmissionValidator(Template());
        var rows = new RowFactory("teams.csv");

        // Act
        var teams = new[] { "Child Protection East", "child protection east", "Child Protection  East", " CHILD\u00A0PROTECTION EAST ", "child protection east", "Child Protection West" }
            .Select(t => validator.Validate(rows.Row(("team", t))).Submission!.Team)
            .ToList();

        // Assert
        teams.ShouldBe(["Child Protection East", "Child Protection East", "Child Protection East", "Child Protection East", "Child Protection East", "Child Protection West"]);
        var warnings = validator.SourceDiagnostics.Where(d => d.Code == Messages.Submissions.TeamSpellingCode).ToList();
        warnings.Count.ShouldBe(3);
        warnings[0].Message.ShouldBe(Messages.Submissions.TeamSpelling("child protection east", "Child Protection East", 3, "teams.csv", 2));
        warnings.ShouldAllBe(w => w.Severity == Severity.Warning);
    }

    [Fact]
    public void Validate_FirstSpellingWithDoubleSpaces_IsKeptWithSingleSpaces()
    {
        var validator = new SubmissionValidator(Template());

        var team = validator.Validate(new RowFactory().Row(("team", "Team  A"))).Submission!.Team;

        team.ShouldBe("Team A");
        validator.SourceDiagnostics.ShouldContain(d => d.Code == Messages.Submissions.TeamSpellingCode);
    }

    [Fact]
    public void Validate_TeamsKnownFromTheStore_ASpellingDifferingOnlyInCaseOrSpacingIsCountedAsTheStoresTeam()
    {
        // Arrange: the store already holds these spellings (from earlier runs).
        var validator = new SubmissionValidator(Template());
        validator.AddKnownTeams(["Child Protection East", "Children in Care 1"], "the store auditkit.db");
        var rows = new RowFactory("december.csv");

        // Act
        var teams = new[] { "Child Protection east", "CHILDREN  IN CARE 1", "Child Protection East", "New Team" }
            .Select(t => validator.Validate(rows.Row(("team", t))).Submission!.Team)
            .ToList();

        // Assert
        teams.ShouldBe(["Child Protection East", "Children in Care 1", "Child Protection East", "New Team"]);
        validator.SourceDiagnostics.Where(d => d.Code == Messages.Submissions.TeamSpellingCode).Select(d => d.Message).ShouldBe(
        [
            "Team 'Child Protection east' (row 2) differs from 'Child Protection East', a team already in the store auditkit.db, only in case or spacing, so it is counted as 'Child Protection East'. Spell it one way in every file.",
            "Team 'CHILDREN  IN CARE 1' (row 3) differs from 'Children in Care 1', a team already in the store auditkit.db, only in case or spacing, so it is counted as 'Children in Care 1'. Spell it one way in every file.",
        ]);
    }
}
