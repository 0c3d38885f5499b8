using AuditKit.Store;
using AuditKit.Web.People;
using Microsoft.AspNetCore.Http;

namespace AuditKit.Web.Access;

/// <summary>
/// Writes the request's entries to the store's access log as they happen (one insert each, committed with the request),
/// with the signed-in person and how they came (a page, the API by cookie, or an API token). Pages and endpoints call it
/// once they have checked scope, for what they show: only ids and the case reference, never other case-file values.
/// </summary>
public sealed class AccessLog(IHttpContextAccessor http, RequestStore store, TimeProvider clock)
{
    /// <summary>The longest email address kept for a failed sign-in (what was typed, cut short).</summary>
    private const int MaxGivenEmail = 254;

    public void Viewed(string objectKind, string? objectId, string? caseRef = null, string? detail = null) =>
        Record(AccessEvents.View, objectKind, objectId, caseRef, detail);

    public void Downloaded(string objectKind, string? objectId, string detail, string? caseRef = null) =>
        Record(AccessEvents.Download, objectKind, objectId, caseRef, detail);

    public void Changed(string objectKind, string? objectId, string detail, string? caseRef = null) =>
        Record(AccessEvents.Change, objectKind, objectId, caseRef, detail);

    public void SignedIn(Person person) => Write(person.Email, AccessEvents.SignIn, null, null, null, null);

    public void SignedOut() => Record(AccessEvents.SignOut, null, null, null, null);

    /// <summary>A refused sign-in, under the email address given (or the token's person), with why in words.</summary>
    public void SignInFailed(string given, string detail)
    {
        var email = given.Trim();
        Write(email.Length > MaxGivenEmail ? email[..MaxGivenEmail] : email, AccessEvents.SignInFailed, null, null, null, detail);
    }

    /// <summary>How this request came: <c>web</c>, <c>api</c> (by cookie) or <c>api token ID</c>.</summary>
    public string Via()
    {
        var context = http.HttpContext;
        if (context is null || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return "web";
        }

        return context.User.FindFirst(Security.ApiTokens.TokenIdClaim)?.Value is { } id ? $"api token {id}" : "api";
    }

    private void Record(string eventName, string? objectKind, string? objectId, string? caseRef, string? detail)
    {
        var person = http.HttpContext?.User is { } user ? Person.From(user) : null;
        Write(person?.Email ?? "(not signed in)", eventName, objectKind, objectId, caseRef, detail);
    }

    private void Write(string person, string eventName, string? objectKind, string? objectId, string? caseRef, string? detail) =>
        Log(store.Audits).RecordAccess(new AccessEntry(clock.GetUtcNow(), person, eventName, objectKind, objectId, caseRef, detail, Via()));

    internal static IAccessStore Log(IAuditStore store) =>
        store as IAccessStore ?? throw new InvalidOperationException("The store does not keep an access log.");
}
