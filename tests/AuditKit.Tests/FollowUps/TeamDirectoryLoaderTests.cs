using AuditKit.FollowUps;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.FollowUps;

public sealed class TeamDirectoryLoaderTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "FollowUps", name);

    private static string Render(AuditKit.Diagnostics.LoadResult<TeamDirectory> result, string name) =>
        string.Join('\n', result.Diagnostics.Select(d => d.ToString().Replace(PathOf(name), name, StringComparison.Ordinal)));

    [Fact]
    public void Load_ValidFile_ReadsTeamsAndDefaults()
    {
        // Act
        var result = TeamDirectoryLoader.Load(PathOf("teams.yaml"));

        // Assert
        result.Success.ShouldBeTrue();
        result.Diagnostics.ShouldBeEmpty();
        var directory = result.Value!;
        directory.Teams.Select(t => t.Name).ShouldBe(["Children in Care", "Duty and Assessment 1", "Family Support"]);
        directory.Defaults.ShouldBe(new TeamContacts(null, "Morgan Ellis", "Priya Shah"));
        directory.Find("children in care ")!.Contacts.TeamManager.ShouldBe("Jo Okafor");
        directory.Find("Duty and Assessment 1")!.Location.Line.ShouldBe(6);
    }

    [Theory]
    [InlineData("team_manager", "Duty and Assessment 1", "Sam Jones")]
    [InlineData("team_manager", "  duty AND assessment 1 ", "Sam Jones")] // case and spaces ignored
    [InlineData("service_manager", "Duty and Assessment 1", "Alex Brown")] // the team's own
    [InlineData("service_manager", "Children in Care", "Morgan Ellis")] // the default
    [InlineData("head_of_service", "Family Support", "Priya Shah")] // team with no entries: defaults
    [InlineData("head_of_service", null, "Priya Shah")] // no team: defaults
    [InlineData("team_manager", "Family Support", "team_manager")] // nobody known: the role name
    [InlineData("team_manager", "Unlisted Team", "team_manager")]
    [InlineData("service_manager", "Unlisted Team", "Morgan Ellis")]
    [InlineData("practitioner", "Duty and Assessment 1", "practitioner")] // from submissions, not here
    [InlineData("Sam Jones", "Duty and Assessment 1", "Sam Jones")] // already a name
    public void Resolve_Role_ReturnsPersonOrRoleName(string role, string? team, string expected)
    {
        var directory = TeamDirectoryLoader.Load(PathOf("teams.yaml")).Value!;

        directory.Resolve(role, team).ShouldBe(expected);
    }

    [Fact]
    public void Load_FileWithManyProblems_ReportsEveryOneWithLineAndColumn()
    {
        var result = TeamDirectoryLoader.Load(PathOf("teams-bad.yaml"));

        result.Success.ShouldBeFalse();
        result.Value.ShouldBeNull();
        Snapshot.Match(Render(result, "teams-bad.yaml"), "team-directory-bad");
    }

    [Theory]
    [InlineData("teams-duplicate-key.yaml", "AK4111", 4)]
    [InlineData("teams-syntax.yaml", "AK4102", 0)]
    [InlineData("teams-empty.yaml", "AK4103", 0)]
    [InlineData("no-such-file.yaml", "AK4101", 0)]
    public void Load_BrokenFile_ReportsOneError(string name, string code, int line)
    {
        var result = TeamDirectoryLoader.Load(PathOf(name));

        result.Success.ShouldBeFalse();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(code);
        if (line > 0)
        {
            diagnostic.Location.Line.ShouldBe(line);
        }
    }

    [Fact]
    public void Load_RootNotMapping_Reports()
    {
        var result = TeamDirectoryLoader.Load(new StringReader("- Team A\n- Team B\n"), "teams.yaml");

        result.Diagnostics.ShouldHaveSingleItem().ToString()
            .ShouldBe("teams.yaml:1:1: error AK4104: The team directory must be a mapping with the keys 'defaults' and 'teams'.");
    }

    [Fact]
    public void Load_DefaultsOnly_IsValid()
    {
        var result = TeamDirectoryLoader.Load(new StringReader("defaults:\n  team_manager: Sam Jones\n"), "teams.yaml");

        result.Success.ShouldBeTrue();
        result.Value!.Resolve("team_manager", "Any Team").ShouldBe("Sam Jones");
    }
}
