using Microsoft.AspNetCore.Identity;

namespace AuditKit.Web.People;

/// <summary>Passwords hashed and checked with ASP.NET Core Identity's password hasher (PBKDF2 with a salt per password).</summary>
public static class Passwords
{
    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string email, string password) => Hasher.HashPassword(email, password);

    public static bool Verify(string email, string hash, string password) =>
        Hasher.VerifyHashedPassword(email, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
}
