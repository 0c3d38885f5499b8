using AuditKit.Collections;

namespace AuditKit.Tests.Collections;

public sealed class ChunkedListTests
{
    [Fact]
    public void Add_AcrossSeveralChunks_KeepsEveryItemInOrder()
    {
        var list = new ChunkedList<int>();

        for (var i = 0; i < 40_000; i++)
        {
            list.Add(i * 3);
        }

        list.Count.ShouldBe(40_000);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].ShouldBe(i * 3);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Indexer_OutsideTheItems_Throws(int index)
    {
        var list = new ChunkedList<string>();
        list.Add("a");
        list.Add("b");
        list.Add("c");

        Should.Throw<ArgumentOutOfRangeException>(() => list[index]);
    }
}
