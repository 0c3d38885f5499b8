using System.Buffers.Binary;
using System.Security.Cryptography;
using AuditKit.FollowUps;

namespace AuditKit.Tests.FollowUps;

public sealed class Sha256LanesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Compress_EightPaddedMessages_GivesEachItsPlatformDigest(int blocks)
    {
        // Eight messages of different lengths that pad to the same number of blocks, hashed from the initial state.
        var random = new Random(blocks);
        var stride = 64 * blocks;
        var states = new uint[8 * Sha256Lanes.Lanes];
        var words = new uint[blocks * 16 * Sha256Lanes.Lanes];
        var messages = new byte[Sha256Lanes.Lanes][];
        uint[] initial = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        for (var lane = 0; lane < Sha256Lanes.Lanes; lane++)
        {
            var length = random.Next((blocks - 1) * 64, stride - 8);
            messages[lane] = new byte[length];
            random.NextBytes(messages[lane]);
            var padded = new byte[stride];
            messages[lane].CopyTo(padded, 0);
            padded[length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(stride - 8), (ulong)length * 8);
            for (var word = 0; word < 16 * blocks; word++)
            {
                words[(word * Sha256Lanes.Lanes) + lane] = BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(4 * word));
            }

            for (var word = 0; word < 8; word++)
            {
                states[(word * Sha256Lanes.Lanes) + lane] = initial[word];
            }
        }

        for (var block = 0; block < blocks; block++)
        {
            Sha256Lanes.Compress(states, words.AsSpan(block * 16 * Sha256Lanes.Lanes, 16 * Sha256Lanes.Lanes));
        }

        for (var lane = 0; lane < Sha256Lanes.Lanes; lane++)
        {
            var digest = new byte[32];
            for (var word = 0; word < 8; word++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * word), states[(word * Sha256Lanes.Lanes) + lane]);
            }

            digest.ShouldBe(SHA256.HashData(messages[lane]), $"lane {lane}");
        }
    }
}
