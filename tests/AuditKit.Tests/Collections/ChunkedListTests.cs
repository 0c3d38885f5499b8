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

    [Fact]
    public void Slice_WithinAChunk_ChangesTheItemsInPlace()
    {
        var list = new ChunkedList<int>();
        for (var i = 0; i < 20_000; i++)
        {
            list.Add(i);
        }

        var slice = list.Slice(16_384, 1024);
        slice[0] = -1;

        slice.Length.ShouldBe(1024);
        list[16_384].ShouldBe(-1);
        list[16_385].ShouldBe(16_385);
        list.Slice(19_000, 1000).Length.ShouldBe(1000);
        Should.Throw<ArgumentOutOfRangeException>(() => list.Slice(16_000, 1024));
        Should.Throw<ArgumentOutOfRangeException>(() => list.Slice(19_500, 1000));
    }
}
