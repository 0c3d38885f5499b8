using AuditKit.FollowUps;

namespace AuditKit.Tests.FollowUps;

public sealed class ActionIdsTests
{
    [Fact]
    public void Create_KnownAction_GivesItsPublishedId()
    {
        // The id of a bundled case action in summary.json: ids must not change between versions.
        var id = ActionIds.Create("quality-of-practice", "ofsted-grading/case_actions/1", "Child Protection East", "QA-2026-09-00014", null);

        id.ShouldBe("A-c7f672400365");
    }

    [Fact]
    public void Hash_ManyInputs_FormatsAsCreateAndOrdersAsTheIds()
    {
        var random = new Random(5);
        var previous = (Id: string.Empty, Hash: -1L);
        var formatted = new char[ActionIds.Length];
        for (var i = 0; i < 2000; i++)
        {
            var team = "Team " + random.Next(10);
            var audit = "QA-" + random.Next(100_000);
            var criterion = random.Next(3) == 0 ? null : "criterion_" + random.Next(20);
            var id = ActionIds.Create("template", "rules/key", team, audit, criterion);
            var hash = ActionIds.Hash("template", "rules/key", team, audit, criterion);

            ActionIds.Format(hash, formatted);

            new string(formatted).ShouldBe(id);
            hash.ShouldBeInRange(0L, (1L << 48) - 1);
            Math.Sign(string.CompareOrdinal(id, previous.Id)).ShouldBe(Math.Sign(hash.CompareTo(previous.Hash)));
            previous = (id, hash);
        }
    }
}
