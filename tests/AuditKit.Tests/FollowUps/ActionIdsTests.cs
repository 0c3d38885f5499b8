using System.Text;
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
    public void Hash_ManyInputs_FormatsAsCreateAsCharactersAndBytesAndOrdersAsTheIds()
    {
        var random = new Random(5);
        var previous = (Id: string.Empty, Hash: -1L);
        var formatted = new char[ActionIds.Length];
        var utf8 = new byte[ActionIds.Length];
        for (var i = 0; i < 2000; i++)
        {
            var team = "Team " + random.Next(10);
            var audit = "QA-" + random.Next(100_000);
            var criterion = random.Next(3) == 0 ? null : "criterion_" + random.Next(20);
            var id = ActionIds.Create("template", "rules/key", team, audit, criterion);
            var hash = ActionIds.Hash("template", "rules/key", team, audit, criterion);

            ActionIds.Format(hash, formatted);
            ActionIds.Format(hash, utf8);

            new string(formatted).ShouldBe(id);
            Encoding.ASCII.GetString(utf8).ShouldBe(id);
            hash.ShouldBeInRange(0L, (1L << 48) - 1);
            Math.Sign(string.CompareOrdinal(id, previous.Id)).ShouldBe(Math.Sign(hash.CompareTo(previous.Hash)));
            previous = (id, hash);
        }
    }

    [Theory]
    [InlineData("Child Protection East", "QA-2026-09-00014", null)]
    [InlineData("", "", "")]
    [InlineData(null, null, null)]
    [InlineData("Équipe Nord – Ñ 😀", "QA-ü-1", "child_seen_alone")]
    [InlineData("A team whose name is long enough to take the shared start of the message past one block of sixty-four bytes", "QA-1", "criterion")]
    public void Hash_FromTheSharedPrefix_GivesTheSameNumber(string? team, string? auditId, string? criterion)
    {
        var prefix = ActionIds.Prefix("quality-of-practice", "ofsted-grading/case_actions/1", team);

        ActionIds.Hash(prefix, auditId, criterion).ShouldBe(ActionIds.Hash("quality-of-practice", "ofsted-grading/case_actions/1", team, auditId, criterion));
    }

    [Fact]
    public void Hash_FromTheSharedPrefix_ManyAudits_GivesTheSameNumbers()
    {
        var random = new Random(8);
        var prefixes = new Dictionary<(string, string), Sha256WithPrefix>();
        for (var i = 0; i < 3000; i++)
        {
            var rule = "quality-of-practice/criteria/" + new string('x', random.Next(0, 60));
            var team = "Team " + random.Next(5);
            var audit = "QA-" + new string('9', random.Next(0, 90));
            var criterion = random.Next(3) == 0 ? null : "criterion_" + random.Next(20);
            if (!prefixes.TryGetValue((rule, team), out var prefix))
            {
                prefix = ActionIds.Prefix("quality-of-practice", rule, team);
                prefixes.Add((rule, team), prefix);
            }

            ActionIds.Hash(prefix, audit, criterion).ShouldBe(ActionIds.Hash("quality-of-practice", rule, team, audit, criterion));
        }
    }
}
