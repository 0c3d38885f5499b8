using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace AuditKit.FollowUps;

/// <summary>
/// A stable action id: the 128-bit XXH128 hash (seed 0) of what makes an action the same action (the template id,
/// the rule that raised it, and the team, audit and criterion it is about, in UTF-8, joined with U+001F), written
/// <c>A-</c> and 32 lower-case hex digits. The same inputs always give the same id; two different actions sharing
/// one is as likely as a 128-bit collision, and the store refuses to let one overwrite the other.
/// </summary>
/// <remarks>
/// People see and type ids the way git shows commits: the shortest unique prefix of at least
/// <see cref="ShortDigits"/> digits (<see cref="ActionIdPrefixes"/>). An id is not a secret, so a fast
/// non-cryptographic hash serves: a run makes hundreds of thousands of ids.
/// </remarks>
public readonly record struct ActionId(UInt128 Value) : IComparable<ActionId>
{
    /// <summary>Hex digits in a full id.</summary>
    public const int Digits = 32;

    /// <summary>The fewest hex digits an id is shown with (as ids were written before they grew).</summary>
    public const int ShortDigits = 12;

    /// <summary>What every id starts with.</summary>
    public const string Prefix = "A-";

    /// <summary>Characters in a full id.</summary>
    public const int Length = 2 + Digits;

    private const byte Separator = 0x1f;
    private const int StackLimit = 512;

    /// <summary>
    /// The id of the action that <paramref name="ruleKey"/> raises for the team, audit and criterion given, and for
    /// team and service actions planned from one period's figures, that <paramref name="period"/> (appended as a sixth
    /// part only when given, so ids planned without a period are as they were).
    /// </summary>
    public static ActionId Create(string templateId, string ruleKey, string? team, string? auditId, string? criterion, string? period = null) =>
        Create(templateId, ruleKey, team, auditId.AsSpan(), criterion, period);

    /// <inheritdoc cref="Create(string, string, string?, string?, string?, string?)"/>
    public static ActionId Create(string templateId, string ruleKey, string? team, ReadOnlySpan<char> auditId, string? criterion, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(ruleKey);
        team ??= string.Empty;
        criterion ??= string.Empty;
        var length = Encoding.UTF8.GetMaxByteCount(templateId.Length + ruleKey.Length + team.Length + auditId.Length + criterion.Length + (period?.Length ?? 0)) + 5;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var used = Encoding.UTF8.GetBytes(templateId, buffer);
            used += Append(ruleKey, buffer[used..]);
            used += Append(team, buffer[used..]);
            used += Append(auditId, buffer[used..]);
            used += Append(criterion, buffer[used..]);
            if (period is not null)
            {
                used += Append(period, buffer[used..]);
            }

            return new ActionId(XxHash128.HashToUInt128(buffer[..used]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads a full id (<c>A-</c> and 32 hex digits, either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ActionId id)
    {
        id = default;
        if (text.Length != Length || !text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !UInt128.TryParse(text[2..], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
        {
            return false;
        }

        id = new ActionId(value);
        return true;
    }

    public int CompareTo(ActionId other) => Value.CompareTo(other.Value);

    /// <summary>The full id: <c>A-</c> and 32 hex digits.</summary>
    public override string ToString() => ToString(Digits);

    /// <summary>The id with its first <paramref name="digits"/> hex digits.</summary>
    public string ToString(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, Digits);
        Span<char> text = stackalloc char[Length];
        Format(text);
        return new string(text[..(2 + digits)]);
    }

    /// <summary>Writes the full id into the first <see cref="Length"/> characters of <paramref name="destination"/>.</summary>
    public void Format(Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        destination[0] = 'A';
        destination[1] = '-';
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        Convert.TryToHexStringLower(bytes, destination[2..], out _);
    }

    private static int Append(ReadOnlySpan<char> part, Span<byte> destination)
    {
        destination[0] = Separator;
        return 1 + Encoding.UTF8.GetBytes(part, destination[1..]);
    }
}
