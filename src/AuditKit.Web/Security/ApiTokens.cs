using System.Security.Cryptography;
using System.Text;
using AuditKit.Store;

namespace AuditKit.Web.Security;

/// <summary>
/// API tokens for the council's other systems: 32 random bytes shown once as <c>akt_</c> and base64url, kept in the store
/// only as the SHA-256 hash of that text, with a short random id to list and revoke them by.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "akt_";

    /// <summary>The claim that names the token a request of the API came with.</summary>
    public const string TokenIdClaim = "auditkit:token";

    /// <summary>A new token for a person: the text to show once, and what the store keeps.</summary>
    public static (string Text, StoredToken Stored) Create(string email, string name, DateTimeOffset now, DateOnly? expires)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(name);
        var text = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (text, new StoredToken(id, email.Trim().ToLowerInvariant(), name, Hash(text), now, expires, null));
    }

    /// <summary>The SHA-256 of the token's text, in lower-case hex, as the store keeps it.</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether a token still works on <paramref name="today"/> (UTC): not revoked and not past its last day.</summary>
    public static bool Works(StoredToken token, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Revoked is null && (token.Expires is not { } last || today <= last);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
