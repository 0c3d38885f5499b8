using AuditKit.Store;

namespace AuditKit.Web.People;

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInOutcome
{
    SignedIn,
    Refused,
    LockedOut,
}

/// <summary>
/// Checks an email address and password against the store, counting failures: after <see cref="MaxFailures"/> in a row
/// the person is locked out for <see cref="LockoutLength"/>, whatever password is given meanwhile.
/// </summary>
public sealed class SignInCheck(TimeProvider clock)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockoutLength = TimeSpan.FromMinutes(15);

    // Checked against when the email is unknown, so that an unknown email takes as long as a wrong password.
    private static readonly string UnknownHash = Passwords.Hash("nobody", Guid.NewGuid().ToString());

    public (SignInOutcome Outcome, Person? Person) Check(IPeopleStore store, string email, string password)
    {
        var user = store.FindUser(email);
        if (user is null || user.Disabled)
        {
            Passwords.Verify("nobody", UnknownHash, password);
            return (SignInOutcome.Refused, null);
        }

        var now = clock.GetUtcNow();
        if (user.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (Passwords.Verify(user.Email, user.PasswordHash, password))
        {
            store.RecordSignIn(user.Email, 0, null);
            return (SignInOutcome.SignedIn, Person.From(user));
        }

        var failures = (user.LockedUntil is null ? user.FailedSignIns : 0) + 1;
        if (failures >= MaxFailures)
        {
            store.RecordSignIn(user.Email, failures, now + LockoutLength);
            return (SignInOutcome.LockedOut, null);
        }

        store.RecordSignIn(user.Email, failures, null);
        return (SignInOutcome.Refused, null);
    }
}
