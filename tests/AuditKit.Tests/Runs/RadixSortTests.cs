using AuditKit.Runs;

namespace AuditKit.Tests.Runs;

public sealed class RadixSortTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 1)]
    [InlineData(1000, 3)]
    [InlineData(5000, 11)]
    [InlineData(5000, 12)]
    [InlineData(20000, 29)]
    [InlineData(20000, 64)]
    public void Sort_RandomKeys_OrdersByKeyThenOriginalPosition(int count, int bits)
    {
        var random = new Random(count + bits);
        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            // Few distinct values as well as many, so that equal keys are common.
            var value = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 32);
            keys[i] = bits == 64 ? value : value & ((1UL << bits) - 1);
            if (i % 3 == 0)
            {
                keys[i] &= 0xF;
            }
        }

        var items = Enumerable.Range(0, count).ToArray();
        var expected = items.OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
        var expectedKeys = expected.Select(i => keys[i]).ToArray();

        RadixSort.Sort(keys, items, bits);

        items.ShouldBe(expected);
        keys.ShouldBe(expectedKeys);
    }

    [Fact]
    public void Sort_OneDigitTheSameEverywhere_StillSortsTheOthers()
    {
        ulong[] keys = [(5UL << 11) | 3, (5UL << 11) | 1, (5UL << 11) | 2];
        int[] items = [0, 1, 2];

        RadixSort.Sort(keys, items, 22);

        items.ShouldBe([1, 2, 0]);
    }
}
