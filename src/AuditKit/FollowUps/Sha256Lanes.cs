using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AuditKit.FollowUps;

/// <summary>
/// The SHA-256 compression function (FIPS 180-4) run on eight independent messages at once, one in each lane of
/// 256-bit vectors: a run hashes an id for each of hundreds of thousands of case actions, each one or two blocks
/// long, and eight at a time is several times faster than one. Tested against the platform's SHA-256.
/// </summary>
internal static class Sha256Lanes
{
    /// <summary>How many messages are compressed at once.</summary>
    public const int Lanes = 8;

    /// <summary>Whether the processor does 256-bit vector arithmetic itself (otherwise hash one message at a time).</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Compresses one block into each lane's state. Both are laid out word by word, each word's eight lanes together:
    /// <paramref name="states"/> holds the 8 state words (word <c>w</c> of lane <c>j</c> at <c>8 * w + j</c>), and
    /// <paramref name="block"/> the block's 16 big-endian words already read as numbers (word <c>t</c> of lane <c>j</c>
    /// at <c>8 * t + j</c>), so each is one vector load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compress(Span<uint> states, ReadOnlySpan<uint> block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(states.Length, 8 * Lanes);
        ArgumentOutOfRangeException.ThrowIfLessThan(block.Length, 16 * Lanes);
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[64];
        for (var t = 0; t < 16; t++)
        {
            w[t] = Vector256.Create(block.Slice(t * Lanes, Lanes));
        }

        for (var t = 16; t < 64; t++)
        {
            var w15 = w[t - 15];
            var w2 = w[t - 2];
            var s0 = Rotate(w15, 7) ^ Rotate(w15, 18) ^ Vector256.ShiftRightLogical(w15, 3);
            var s1 = Rotate(w2, 17) ^ Rotate(w2, 19) ^ Vector256.ShiftRightLogical(w2, 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        var a0 = Vector256.Create((ReadOnlySpan<uint>)states[..8]);
        var b0 = Vector256.Create((ReadOnlySpan<uint>)states[8..16]);
        var c0 = Vector256.Create((ReadOnlySpan<uint>)states[16..24]);
        var d0 = Vector256.Create((ReadOnlySpan<uint>)states[24..32]);
        var e0 = Vector256.Create((ReadOnlySpan<uint>)states[32..40]);
        var f0 = Vector256.Create((ReadOnlySpan<uint>)states[40..48]);
        var g0 = Vector256.Create((ReadOnlySpan<uint>)states[48..56]);
        var h0 = Vector256.Create((ReadOnlySpan<uint>)states[56..64]);
        var (a, b, c, d, e, f, g, h) = (a0, b0, c0, d0, e0, f0, g0, h0);
        for (var t = 0; t < 64; t++)
        {
            var s1 = Rotate(e, 6) ^ Rotate(e, 11) ^ Rotate(e, 25);
            var choice = (e & f) ^ Vector256.AndNot(g, e);
            var t1 = h + s1 + choice + Vector256.Create(Sha256WithPrefix.RoundConstant(t)) + w[t];
            var s0 = Rotate(a, 2) ^ Rotate(a, 13) ^ Rotate(a, 22);
            var majority = (a & b) | (c & (a | b));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + s0 + majority;
        }

        (a + a0).CopyTo(states[..8]);
        (b + b0).CopyTo(states[8..16]);
        (c + c0).CopyTo(states[16..24]);
        (d + d0).CopyTo(states[24..32]);
        (e + e0).CopyTo(states[32..40]);
        (f + f0).CopyTo(states[40..48]);
        (g + g0).CopyTo(states[48..56]);
        (h + h0).CopyTo(states[56..64]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotate(Vector256<uint> x, int bits) =>
        Vector256.ShiftRightLogical(x, bits) | Vector256.ShiftLeft(x, 32 - bits);

}
