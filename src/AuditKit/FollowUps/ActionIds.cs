using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AuditKit.FollowUps;

/// <summary>Stable action ids: a short hash of what makes an action the same action.</summary>
public static class ActionIds
{
    /// <summary>The length of every id: <c>A-</c> and 12 hex digits.</summary>
    public const int Length = 14;

    private const char Separator = '\u001f';
    private const int StackLimit = 512;

    /// <summary>
    /// An id such as <c>A-3f9c2b1d0e7a</c> from the template id, the rule that raised it, and the
    /// team, audit and criterion it is about. The same inputs always give the same id.
    /// </summary>
    /// <remarks>
    /// The first 6 bytes of the SHA-256 of the UTF-8 of the five parts joined with U+001F, in lower-case hex.
    /// Built in one buffer without intermediate strings, as a run can raise millions of actions.
    /// </remarks>
    public static string Create(string templateId, string ruleKey, string? team, string? auditId, string? criterion) =>
        Format(Hash(templateId, ruleKey, team, auditId, criterion));

    /// <summary>The id of <paramref name="hash"/> (from <see cref="Hash"/>).</summary>
    public static string Format(long hash)
    {
        Span<char> id = stackalloc char[Length];
        Format(hash, id);
        return new string(id);
    }

    /// <summary>
    /// The number an id is written from: the first 6 bytes of the hash as a big-endian whole number (0 to 2^48 - 1).
    /// Ids in ordinal order are these numbers in numeric order, as the 12 hex digits are all lower case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Hash(string templateId, string ruleKey, string? team, string? auditId, string? criterion)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(ruleKey);
        team ??= string.Empty;
        auditId ??= string.Empty;
        criterion ??= string.Empty;
        var length = Encoding.UTF8.GetMaxByteCount(templateId.Length + ruleKey.Length + team.Length + auditId.Length + criterion.Length) + 4;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var used = Encoding.UTF8.GetBytes(templateId, buffer);
            used += Append(ruleKey, buffer[used..]);
            used += Append(team, buffer[used..]);
            used += Append(auditId, buffer[used..]);
            used += Append(criterion, buffer[used..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..used], hash);
            return FirstSixBytes(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The hash state after the parts that every id of one rule and team begins with (template id, rule key and team),
    /// for <see cref="Hash(Sha256WithPrefix, ReadOnlySpan{char}, string?)"/>.
    /// </summary>
    internal static Sha256WithPrefix Prefix(string templateId, string ruleKey, string? team)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(ruleKey);
        return new Sha256WithPrefix(Encoding.UTF8.GetBytes($"{templateId}{Separator}{ruleKey}{Separator}{team}{Separator}"));
    }

    /// <summary>
    /// The same number as <see cref="Hash(string, string, string?, string?, string?)"/>, from the state after its first
    /// three parts (<see cref="Prefix"/>): a run raising hundreds of thousands of case actions hashes each rule and
    /// team's part once, and then only each audit id and criterion.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Hash(Sha256WithPrefix prefix, ReadOnlySpan<char> auditId, string? criterion)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        criterion ??= string.Empty;
        var length = Encoding.UTF8.GetMaxByteCount(auditId.Length + criterion.Length) + 1;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var used = Encoding.UTF8.GetBytes(auditId, buffer);
            used += Append(criterion, buffer[used..]);
            Span<byte> hash = stackalloc byte[Sha256WithPrefix.DigestSize];
            prefix.Hash(buffer[..used], hash);
            return FirstSixBytes(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the id of <paramref name="hash"/> (from <see cref="Hash"/>) into the first <see cref="Length"/> characters of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Format(long hash, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        destination[0] = 'A';
        destination[1] = '-';
        for (var i = Length - 1; i >= 2; i--)
        {
            destination[i] = "0123456789abcdef"[(int)(hash & 0xF)];
            hash >>= 4;
        }
    }

    /// <summary>The id of <paramref name="hash"/> as UTF-8 (ASCII), as <see cref="Format(long, Span{char})"/> writes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Format(long hash, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        var digits = "0123456789abcdef"u8;
        destination[0] = (byte)'A';
        destination[1] = (byte)'-';
        for (var i = Length - 1; i >= 2; i--)
        {
            destination[i] = digits[(int)(hash & 0xF)];
            hash >>= 4;
        }
    }

    private static long FirstSixBytes(ReadOnlySpan<byte> hash)
    {
        Span<byte> first = stackalloc byte[8];
        hash[..6].CopyTo(first[2..]);
        return BinaryPrimitives.ReadInt64BigEndian(first);
    }

    private static int Append(string part, Span<byte> destination)
    {
        destination[0] = (byte)Separator;
        return 1 + Encoding.UTF8.GetBytes(part, destination[1..]);
    }
}
