using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AuditKit.Store;

/// <summary>A digest of what a later run may change in an open action: its text, owner and escalation.</summary>
internal static class ActionContent
{
    private const byte Separator = 0x1f;

    /// <summary>
    /// The first 16 bytes of the SHA-256 of the three parts in UTF-8, each after a byte saying whether it is there
    /// (so that a missing escalation differs from an empty one) and separated by U+001F. Equal parts give equal
    /// digests; different parts give different ones, for all practical purposes.
    /// </summary>
    public static UInt128 Digest(string text, string owner, string? escalateTo)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(owner);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length + owner.Length + (escalateTo?.Length ?? 0)) + 6;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var used = Append(text, buffer, 0);
            used = Append(owner, buffer, used);
            used = Append(escalateTo, buffer, used);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, used), hash);
            return BinaryPrimitives.ReadUInt128BigEndian(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Append(string? part, byte[] buffer, int at)
    {
        buffer[at++] = part is null ? (byte)0 : (byte)1;
        if (part is not null)
        {
            at += Encoding.UTF8.GetBytes(part, buffer.AsSpan(at));
        }

        buffer[at++] = Separator;
        return at;
    }
}
