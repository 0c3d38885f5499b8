using AuditKit.FollowUps;

namespace AuditKit.Tests.FollowUps;

public sealed class OwnerResolverTests
{
    private static readonly TeamDirectory Directory = new(
        [new TeamEntry("Team A", new TeamContacts(TeamManager: "Sam Jones"), default)],
        new TeamContacts(HeadOfService: "Priya Shah"));

    [Theory]
    [InlineData("practitioner", "Team A", "Lee Smith", "Ann Auditor", "Lee Smith")]
    [InlineData("practitioner", "Team A", "  ", "Ann Auditor", "practitioner")] // blank practitioner: the role
    [InlineData("practitioner", "Team A", null, "Ann Auditor", "practitioner")]
    [InlineData("auditor", "Team A", "Lee Smith", " Ann Auditor ", "Ann Auditor")]
    [InlineData("auditor", "Team A", "Lee Smith", null, "auditor")]
    [InlineData("team_manager", "team a", null, null, "Sam Jones")]
    [InlineData("team_manager", "Team B", null, null, "team_manager")]
    [InlineData("head_of_service", "Team B", null, null, "Priya Shah")]
    [InlineData("service_manager", "Team A", null, null, "service_manager")]
    [InlineData("Someone Else", "Team A", "Lee Smith", null, "Someone Else")] // already resolved
    public void Resolve_Role_ReturnsBestKnownName(string role, string? team, string? practitioner, string? auditor, string expected)
    {
        OwnerResolver.Resolve(role, team, practitioner, auditor, Directory).ShouldBe(expected);
    }

    [Fact]
    public void Resolve_NoDirectory_ReturnsRoleForManagingRoles()
    {
        OwnerResolver.Resolve("team_manager", "Team A", "Lee Smith", "Ann Auditor", null).ShouldBe("team_manager");
        OwnerResolver.Resolve("practitioner", "Team A", "Lee Smith", "Ann Auditor", null).ShouldBe("Lee Smith");
    }
}
