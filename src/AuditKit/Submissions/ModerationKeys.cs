using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AuditKit.Submissions;

/// <summary>
/// What a moderation audit is compared with its first audit by: the case reference and the auditor, each reduced to a
/// 64-bit key (XXH64 of the text with its spaces collapsed, in upper case), so that a batch keeps 16 bytes per audit
/// instead of the texts. "C-104221" and " c-104221" are one case; "Deepa  Raman" and "deepa raman" one auditor. Two
/// different texts with one key (a 64-bit collision) would be taken as equal, which is ignored.
/// </summary>
public static class ModerationKeys
{
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Worked out for every accepted audit: into a buffer on the stack, without a string per audit.
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                buffer[length++] = ' ';
                space = false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        return XxHash64.HashToUInt64(MemoryMarshal.AsBytes(buffer[..length]));
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same case or auditor, as the keys compare them.</summary>
    public static bool Same(string a, string b) => Of(a) == Of(b);
}
