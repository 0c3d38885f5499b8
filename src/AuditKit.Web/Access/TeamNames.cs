using AuditKit.Store;

namespace AuditKit.Web.Access;

/// <summary>Finds the team a URL names, in the store's own spelling.</summary>
public static class TeamNames
{
    /// <summary>
    /// The team named by a <c>{team}</c> route value (ignoring case), or null. Routing leaves an encoded slash (<c>%2F</c>)
    /// encoded, so a team such as "Children in care / leaving care" is looked for with its slash put back.
    /// </summary>
    public static TeamService? Find(IPeopleStore store, string routeValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(routeValue);
        var name = routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return store.TeamServices().FirstOrDefault(t => string.Equals(t.Team, name, StringComparison.OrdinalIgnoreCase));
    }
}
