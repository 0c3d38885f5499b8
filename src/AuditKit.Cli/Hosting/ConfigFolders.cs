namespace AuditKit.Cli.Hosting;

/// <summary>Where the user's and the machine's <c>auditkit.json</c> live, as each system keeps such files.</summary>
internal static class ConfigFolders
{
    /// <summary>The settings file's name in every folder.</summary>
    public const string FileName = "auditkit.json";

    /// <summary>
    /// Windows: <c>%APPDATA%\AuditKit</c>. Elsewhere: <c>$XDG_CONFIG_HOME/auditkit</c>, or <c>~/.config/auditkit</c> when
    /// that is not set (or not an absolute path, as the XDG rules say). Null when neither can be worked out.
    /// </summary>
    public static string? User(bool windows, Func<string, string?> variable)
    {
        if (windows)
        {
            return Absolute(variable("APPDATA")) is { } appData ? Path.Combine(appData, "AuditKit") : null;
        }

        if (Absolute(variable("XDG_CONFIG_HOME")) is { } xdg)
        {
            return Path.Combine(xdg, "auditkit");
        }

        return Absolute(variable("HOME")) is { } home ? Path.Combine(home, ".config", "auditkit") : null;
    }

    /// <summary>Windows: <c>%ProgramData%\AuditKit</c>. Elsewhere: <c>/etc/auditkit</c>.</summary>
    public static string? Machine(bool windows, Func<string, string?> variable) =>
        windows
            ? Absolute(variable("ProgramData")) is { } programData ? Path.Combine(programData, "AuditKit") : null
            : "/etc/auditkit";

    private static string? Absolute(string? path) => !string.IsNullOrWhiteSpace(path) && Path.IsPathRooted(path) ? path : null;
}
