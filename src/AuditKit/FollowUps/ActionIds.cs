using System.Security.Cryptography;
using System.Text;

namespace AuditKit.FollowUps;

/// <summary>Stable action ids: a short hash of what makes an action the same action.</summary>
public static class ActionIds
{
    /// <summary>
    /// An id such as <c>A-3f9c2b1d0e7a</c> from the template id, the rule that raised it, and the
    /// team, audit and criterion it is about. The same inputs always give the same id.
    /// </summary>
    public static string Create(string templateId, string ruleKey, string? team, string? auditId, string? criterion)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(ruleKey);
        var key = string.Join('\u001f', templateId, ruleKey, team ?? string.Empty, auditId ?? string.Empty, criterion ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "A-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
