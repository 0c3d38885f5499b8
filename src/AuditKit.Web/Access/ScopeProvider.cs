using AuditKit.Web.People;
using Microsoft.AspNetCore.Http;

namespace AuditKit.Web.Access;

/// <summary>The request's <see cref="AccessScope"/>: the signed-in person and the store's teams with their services.</summary>
public sealed class ScopeProvider(IHttpContextAccessor http, RequestStore store)
{
    private AccessScope? _scope;

    /// <summary>The scope of the signed-in person; throws when no one is signed in (every page but sign-in requires it).</summary>
    public AccessScope Current => _scope ??= new AccessScope(
        Person.From(http.HttpContext?.User ?? throw new InvalidOperationException("There is no request."))
            ?? throw new InvalidOperationException("No one is signed in."),
        store.People.TeamServices());
}
