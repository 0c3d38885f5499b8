using System.Xml.Linq;
using AuditKit.Store;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AuditKit.Web.Security;

/// <summary>
/// ASP.NET Core data protection keys kept in the store's <c>data_protection_keys</c> table, so that every instance of the
/// web app on one store reads the same keys and each accepts the others' sign-in cookies.
/// </summary>
internal sealed class StoreXmlRepository(Func<IAuditStore> openStore) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var store = openStore();
        return [.. People(store).DataProtectionKeys().Select(k => XElement.Parse(k.Value))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var store = openStore();
        People(store).StoreDataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }

    private static IPeopleStore People(IAuditStore store) =>
        store as IPeopleStore ?? throw new InvalidOperationException("The store does not keep data protection keys.");
}
