using System.Data.Common;
using System.Text.RegularExpressions;

namespace AuditKit.Cli.Commands;

/// <summary>Reading PostgreSQL connection strings for what must not be shown: the password.</summary>
internal static partial class ConnectionText
{
    private static readonly string[] PasswordKeys = ["Password", "PWD"];

    /// <summary>The key that holds a password ("Password"), or null when there is none.</summary>
    public static string? PasswordKey(string connection)
    {
        if (TryParse(connection) is { } builder)
        {
            return PasswordKeys.FirstOrDefault(k => builder.TryGetValue(k, out var value) && !string.IsNullOrEmpty(value?.ToString()));
        }

        // Not well formed: look for the key itself, so that a password never slips through a quoting mistake.
        return PasswordPattern().Match(connection) is { Success: true } match ? match.Groups["key"].Value : null;
    }

    /// <summary>The connection string with any password replaced by <c>(hidden)</c>.</summary>
    public static string Hidden(string connection)
    {
        if (TryParse(connection) is not { } builder)
        {
            return PasswordPattern().IsMatch(connection) ? "(not shown: it holds a password and is not well formed)" : connection;
        }

        foreach (var key in PasswordKeys)
        {
            if (builder.ContainsKey(key))
            {
                builder[key] = "(hidden)";
            }
        }

        return builder.ConnectionString;
    }

    private static DbConnectionStringBuilder? TryParse(string connection)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connection };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(?:^|;)\s*(?<key>password|pwd)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();
}
