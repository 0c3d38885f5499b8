using AuditKit.Reporting;

namespace AuditKit.Tests.Reporting;

public sealed class SafeNamesTests
{
    [Theory]
    [InlineData("Child Protection East", "child-protection-east")]
    [InlineData("  Children in Care 1 ", "children-in-care-1")]
    [InlineData("Tîm Gwaith Cymdeithasol (Siobhán's)", "tîm-gwaith-cymdeithasol-siobhán-s")]
    [InlineData("小组", "小组")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("CON", "con-x")]
    [InlineData("Team\\A:B*?\"<>|", "team-a-b")]
    public void For_OneName_ReadableSlug(string name, string expected)
    {
        // Act
        var names = SafeNames.For([name]);

        // Assert
        names[name].ShouldBe(expected);
    }

    [Fact]
    public void For_NamesThatClash_EachItsOwnAndTheSameInAnyOrder()
    {
        // Arrange: three spellings of one slug, a name with nothing left of it, and one that clashes with nobody.
        string[] names = ["Team A", "team a", "Team-A", "***", "Team B"];

        // Act
        var forward = SafeNames.For(names);
        var backward = SafeNames.For(names.Reverse());

        // Assert
        forward.ShouldBe(backward);
        forward.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(names.Length);
        forward["Team B"].ShouldBe("team-b");
        forward["Team A"].ShouldMatch("^team-a-[0-9a-f]{8}$");
        forward["team a"].ShouldMatch("^team-a-[0-9a-f]{8}$");
        forward["***"].ShouldMatch("^[0-9a-f]{8}$");
    }

    [Fact]
    public void Of_RepeatedAndClashingIds_StableAndUnique()
    {
        // Arrange
        var names = new SafeNames();

        // Act
        var first = names.Of("QA/1");
        var second = names.Of("QA 1");
        var again = names.Of("QA/1");

        // Assert
        first.ShouldBe("qa-1");
        second.ShouldMatch("^qa-1-[0-9a-f]{8}$");
        again.ShouldBe(first);
    }
}
