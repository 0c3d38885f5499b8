using System.Security.Cryptography;
using System.Text;
using AuditKit.FollowUps;

namespace AuditKit.Tests.FollowUps;

public sealed class Sha256WithPrefixTests
{
    [Fact]
    public void Hash_AbcSplitAnywhere_GivesTheStandardsWorkedExample()
    {
        // FIPS 180-4's example: SHA-256("abc").
        var expected = Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        foreach (var split in new[] { 0, 1, 2, 3 })
        {
            HashWithPrefix("abc"u8[..split].ToArray(), "abc"u8[split..].ToArray()).ShouldBe(expected);
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("quality-of-practice\u001fofsted-grading/case_actions/1\u001fChild Protection East\u001f", "QA-2026-09-00014\u001f")]
    public void Hash_KnownMessages_GivesThePlatformDigest(string prefix, string suffix)
    {
        var digest = HashWithPrefix(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(suffix));

        digest.ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(prefix + suffix)));
    }

    [Fact]
    public void Hash_EveryLengthAroundTheBlockEdges_GivesThePlatformDigest()
    {
        // Lengths either side of 55/56 (where the length no longer fits in the block), 64, 119/120 and 128 bytes, split at every point.
        var random = new Random(11);
        var bytes = new byte[200];
        random.NextBytes(bytes);
        foreach (var total in new[] { 0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 191, 192, 200 })
        {
            var message = bytes.AsSpan(0, total).ToArray();
            var expected = SHA256.HashData(message);
            for (var split = 0; split <= total; split++)
            {
                HashWithPrefix(message[..split], message[split..]).ShouldBe(expected, $"message of {total} bytes split at {split}");
            }
        }
    }

    [Fact]
    public void Hash_OnePrefixManySuffixes_EachGivesItsOwnDigest()
    {
        var random = new Random(3);
        var prefix = new byte[70];
        random.NextBytes(prefix);
        var hasher = new Sha256WithPrefix(prefix);
        var digest = new byte[Sha256WithPrefix.DigestSize];
        for (var i = 0; i < 300; i++)
        {
            var suffix = new byte[random.Next(0, 150)];
            random.NextBytes(suffix);

            hasher.Hash(suffix, digest);

            digest.ShouldBe(SHA256.HashData([.. prefix, .. suffix]));
        }
    }

    private static byte[] HashWithPrefix(byte[] prefix, byte[] suffix)
    {
        var digest = new byte[Sha256WithPrefix.DigestSize];
        new Sha256WithPrefix(prefix).Hash(suffix, digest);
        return digest;
    }
}
