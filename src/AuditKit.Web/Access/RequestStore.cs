using AuditKit.Store;

namespace AuditKit.Web.Access;

/// <summary>The store of one request, opened on first use and closed at its end.</summary>
public sealed class RequestStore(WebAppSettings settings) : IDisposable
{
    private IAuditStore? _store;

    public IAuditStore Audits => _store ??= settings.OpenStore();

    public IPeopleStore People => Audits as IPeopleStore
        ?? throw new InvalidOperationException("The store does not keep the web app's people.");

    public void Dispose() => _store?.Dispose();
}
