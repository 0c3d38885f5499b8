using AuditKit.Collections;

namespace AuditKit.Tests.Collections;

public sealed class TextArenaTests
{
    [Fact]
    public void Add_ManyTextsAndALongOne_GivesEachBackAsAdded()
    {
        var arena = new TextArena();
        var texts = Enumerable.Range(0, 30_000).Select(i => $"QA-2026-{i:00000}-é").ToList();
        texts.Insert(12_345, new string('x', 300_000));

        var added = texts.Select(t => arena.Add(t)).ToList();

        for (var i = 0; i < texts.Count; i++)
        {
            arena.ToString(added[i]).ShouldBe(texts[i]);
        }

        arena[arena.Add(string.Empty)].IsEmpty.ShouldBeTrue();
    }
}
