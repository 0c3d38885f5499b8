using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Runtime.CompilerServices;

namespace AuditKit.FollowUps;

/// <summary>Stable action ids: a short hash of what makes an action the same action.</summary>
public static class ActionIds
{
    /// <summary>The length of every id: <c>A-</c> and 12 hex digits.</summary>
    public const int Length = 14;

    private const byte Separator = 0x1f;
    private const int StackLimit = 512;

    /// <summary>
    /// An id such as <c>A-3f9c2b1d0e7a</c> from the template id, the rule that raised it, and the
    /// team, audit and criterion it is about. The same inputs always give the same id.
    /// </summary>
    /// <remarks>
    /// The first 6 bytes of the SHA-256 of the UTF-8 of the five parts joined with U+001F, in lower-case hex.
    /// Built in one buffer without intermediate strings, as a run can raise millions of actions.
    /// </remarks>
    public static string Create(string templateId, string ruleKey, string? team, string? auditId, string? criterion)
    {
        Span<char> id = stackalloc char[Length];
        Write(templateId, ruleKey, team, auditId, criterion, id);
        return new string(id);
    }

    /// <summary>Writes the id <see cref="Create"/> returns into the first <see cref="Length"/> characters of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(string templateId, string ruleKey, string? team, string? auditId, string? criterion, Span<char> destination)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(ruleKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
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
            destination[0] = 'A';
            destination[1] = '-';
            Convert.TryToHexStringLower(hash[..6], destination[2..Length], out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Append(string part, Span<byte> destination)
    {
        destination[0] = Separator;
        return 1 + Encoding.UTF8.GetBytes(part, destination[1..]);
    }
}
