using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AuditKit.FollowUps;

/// <summary>
/// SHA-256 (FIPS 180-4) of messages that all begin with the same prefix. The prefix's whole 64-byte blocks are
/// compressed once, when this is made, so each message costs only the blocks that hold the rest of it. Gives the
/// same digests as <see cref="System.Security.Cryptography.SHA256"/>. A run hashes an id for each of hundreds of
/// thousands of case actions, messages of about 100 bytes, and for those a call into the platform's library
/// costs several times the hashing itself.
/// </summary>
/// <remarks>Not for secrets (nothing here is constant-time). One instance may be used from several threads.</remarks>
internal sealed class Sha256WithPrefix
{
    /// <summary>The length of a digest in bytes.</summary>
    public const int DigestSize = 32;

    private const int BlockSize = 64;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _rest;
    private readonly long _prefixLength;

    public Sha256WithPrefix(ReadOnlySpan<byte> prefix)
    {
        InitialState.CopyTo(_state.AsSpan());
        var whole = prefix.Length / BlockSize * BlockSize;
        Span<uint> schedule = stackalloc uint[64];
        for (var offset = 0; offset < whole; offset += BlockSize)
        {
            Compress(_state, schedule, prefix.Slice(offset, BlockSize));
        }

        _rest = prefix[whole..].ToArray();
        _prefixLength = prefix.Length;
    }

    /// <summary>The <paramref name="round"/>th round constant (0 to 63).</summary>
    internal static uint RoundConstant(int round) => RoundConstants[round];

    /// <summary>The hash state after the prefix's whole blocks.</summary>
    internal ReadOnlySpan<uint> State => _state;

    /// <summary>The prefix's bytes after its whole blocks (0 to 63 of them).</summary>
    internal ReadOnlySpan<byte> Rest => _rest;

    /// <summary>The prefix's length in bytes.</summary>
    internal long PrefixLength => _prefixLength;

    /// <summary>Writes the SHA-256 of the prefix followed by <paramref name="suffix"/> to the first 32 bytes of <paramref name="digest"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hash(ReadOnlySpan<byte> suffix, Span<byte> digest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digest.Length, DigestSize);
        Span<uint> state = stackalloc uint[8];
        _state.CopyTo(state);
        Span<uint> schedule = stackalloc uint[64];
        Span<byte> block = stackalloc byte[BlockSize];
        var messageBits = (ulong)(_prefixLength + suffix.Length) * 8;

        // The prefix's last part block, then the suffix, a block at a time.
        var filled = _rest.Length;
        _rest.CopyTo(block);
        while (filled + suffix.Length >= BlockSize)
        {
            var take = BlockSize - filled;
            suffix[..take].CopyTo(block[filled..]);
            Compress(state, schedule, block);
            suffix = suffix[take..];
            filled = 0;
        }

        // Padding: 0x80, zeros, and the message's length in bits as a big-endian 64-bit number, ending a block.
        suffix.CopyTo(block[filled..]);
        filled += suffix.Length;
        block[filled++] = 0x80;
        if (filled > BlockSize - 8)
        {
            block[filled..].Clear();
            Compress(state, schedule, block);
            filled = 0;
        }

        block[filled..(BlockSize - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], messageBits);
        Compress(state, schedule, block);

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], state[i]);
        }
    }

    /// <summary>One round; the caller turns the eight working variables round by passing them in a different order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint constantAndWord)
    {
        var t1 = h + (uint.RotateRight(e, 6) ^ uint.RotateRight(e, 11) ^ uint.RotateRight(e, 25)) + ((e & f) ^ (~e & g)) + constantAndWord;
        d += t1;
        h = t1 + (uint.RotateRight(a, 2) ^ uint.RotateRight(a, 13) ^ uint.RotateRight(a, 22)) + ((a & b) | (c & (a | b)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<uint> state, Span<uint> schedule, ReadOnlySpan<byte> block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(schedule.Length, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(block.Length, BlockSize);
        ref var w = ref MemoryMarshal.GetReference(schedule);
        ref var bytes = ref MemoryMarshal.GetReference(block);
        for (var i = 0; i < 16; i++)
        {
            Unsafe.Add(ref w, i) = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, 4 * i)));
        }

        for (var i = 16; i < 64; i++)
        {
            var w15 = Unsafe.Add(ref w, i - 15);
            var w2 = Unsafe.Add(ref w, i - 2);
            var s0 = uint.RotateRight(w15, 7) ^ uint.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = uint.RotateRight(w2, 17) ^ uint.RotateRight(w2, 19) ^ (w2 >> 10);
            Unsafe.Add(ref w, i) = Unsafe.Add(ref w, i - 16) + s0 + Unsafe.Add(ref w, i - 7) + s1;
        }

        ref var k = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i += 8)
        {
            Round(a, b, c, ref d, e, f, g, ref h, Unsafe.Add(ref k, i) + Unsafe.Add(ref w, i));
            Round(h, a, b, ref c, d, e, f, ref g, Unsafe.Add(ref k, i + 1) + Unsafe.Add(ref w, i + 1));
            Round(g, h, a, ref b, c, d, e, ref f, Unsafe.Add(ref k, i + 2) + Unsafe.Add(ref w, i + 2));
            Round(f, g, h, ref a, b, c, d, ref e, Unsafe.Add(ref k, i + 3) + Unsafe.Add(ref w, i + 3));
            Round(e, f, g, ref h, a, b, c, ref d, Unsafe.Add(ref k, i + 4) + Unsafe.Add(ref w, i + 4));
            Round(d, e, f, ref g, h, a, b, ref c, Unsafe.Add(ref k, i + 5) + Unsafe.Add(ref w, i + 5));
            Round(c, d, e, ref f, g, h, a, ref b, Unsafe.Add(ref k, i + 6) + Unsafe.Add(ref w, i + 6));
            Round(b, c, d, ref e, f, g, h, ref a, Unsafe.Add(ref k, i + 7) + Unsafe.Add(ref w, i + 7));
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
