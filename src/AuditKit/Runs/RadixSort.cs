using System.Runtime.CompilerServices;

namespace AuditKit.Runs;

/// <summary>
/// A stable least-significant-digit radix sort of whole-number keys with an item each: what a run uses to put
/// hundreds of thousands of case actions in order by packed rank keys. Linear in the count, and compiled fully
/// optimised from the first call (a general sort's helpers would start out unoptimised in a short run).
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending, moving <paramref name="items"/> with them; items with equal keys keep
    /// their order. Every key must be below 2^<paramref name="bits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(ulong[] keys, int[] items, int bits)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNotEqual(items.Length, keys.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 64);
        var count = keys.Length;
        if (count < 2 || bits == 0)
        {
            return;
        }

        var keysFrom = keys;
        var itemsFrom = items;
        var keysTo = new ulong[count];
        var itemsTo = new int[count];
        var offsets = new int[Buckets];
        for (var shift = 0; shift < bits; shift += DigitBits)
        {
            Array.Clear(offsets);
            foreach (var key in keysFrom)
            {
                offsets[(int)(key >> shift) & (Buckets - 1)]++;
            }

            // A digit that is the same in every key leaves the order as it is.
            if (offsets[(int)(keysFrom[0] >> shift) & (Buckets - 1)] == count)
            {
                continue;
            }

            var total = 0;
            for (var digit = 0; digit < Buckets; digit++)
            {
                var size = offsets[digit];
                offsets[digit] = total;
                total += size;
            }

            for (var i = 0; i < count; i++)
            {
                var key = keysFrom[i];
                var at = offsets[(int)(key >> shift) & (Buckets - 1)]++;
                keysTo[at] = key;
                itemsTo[at] = itemsFrom[i];
            }

            (keysFrom, keysTo) = (keysTo, keysFrom);
            (itemsFrom, itemsTo) = (itemsTo, itemsFrom);
        }

        if (!ReferenceEquals(keysFrom, keys))
        {
            keysFrom.CopyTo(keys, 0);
            itemsFrom.CopyTo(items, 0);
        }
    }
}
