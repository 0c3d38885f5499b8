using Microsoft.Extensions.Configuration;

namespace AuditKit.Cli.Hosting;

/// <summary>One setting as a source gives it: its key (sections joined by ':'), its value and where it came from.</summary>
/// <param name="Source">The file's path or the environment variable's name.</param>
/// <param name="Folder">The folder a relative path in it is taken from: the file's, or the working folder for a variable.</param>
internal sealed record Setting(string Key, string Value, string Source, string Folder);

/// <summary>What one place gives: a settings file (perhaps not there) or the environment.</summary>
/// <param name="Name">"machine", "user", "current folder", "program folder" or "environment".</param>
/// <param name="Path">The file looked for; null for the environment.</param>
internal sealed record SettingsLayer(string Name, string? Path, IReadOnlyList<Setting> Settings)
{
    public bool Found => Path is null ? Settings.Count > 0 : File.Exists(Path);
}

/// <summary>
/// AuditKit's settings, lowest first, later ones winning: <c>appsettings.json</c> beside the program, the machine's
/// <c>auditkit.json</c>, the user's, the working folder's, then <c>AUDITKIT_</c> environment variables
/// (<c>AUDITKIT_Calendar__ExtraHolidays__0</c> is <c>Calendar:ExtraHolidays:0</c>). Options on the command line win over all.
/// </summary>
internal sealed class Settings
{
    public const string VariablePrefix = "AUDITKIT_";

    private Settings(IReadOnlyList<SettingsLayer> layers) => Layers = layers;

    public IReadOnlyList<SettingsLayer> Layers { get; }

    /// <summary>Reads every source.</summary>
    /// <exception cref="CliUsageException">A settings file that is not valid JSON or cannot be read.</exception>
    public static Settings Load(CliEnvironment environment)
    {
        var layers = new List<SettingsLayer>
        {
            FileLayer("program folder", Path.Combine(AppContext.BaseDirectory, "appsettings.json")),
        };
        if (environment.MachineConfigFolder is { } machine)
        {
            layers.Add(FileLayer("machine", Path.Combine(machine, ConfigFolders.FileName)));
        }

        if (environment.UserConfigFolder is { } user)
        {
            layers.Add(FileLayer("user", Path.Combine(user, ConfigFolders.FileName)));
        }

        layers.Add(FileLayer("current folder", Path.GetFullPath(Path.Combine(environment.WorkingDirectory, ConfigFolders.FileName))));
        layers.Add(new SettingsLayer("environment", null, Variables(environment)));
        return new Settings(layers);
    }

    /// <summary>The value in force of each key (the last source giving it), sorted by key.</summary>
    public IReadOnlyList<Setting> InForce()
    {
        var byKey = new Dictionary<string, Setting>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in Layers.SelectMany(l => l.Settings))
        {
            byKey[setting.Key] = setting;
        }

        return [.. byKey.Values.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Adds every source, in order, to <paramref name="configuration"/>.</summary>
    public void AddTo(IConfigurationBuilder configuration)
    {
        foreach (var layer in Layers)
        {
            configuration.AddInMemoryCollection(layer.Settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        }
    }

    private static List<Setting> Variables(CliEnvironment environment)
    {
        var settings = new List<Setting>();
        foreach (var (name, value) in environment.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (name.Length > VariablePrefix.Length && name.StartsWith(VariablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = name[VariablePrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                settings.Add(new Setting(key, value, name, environment.WorkingDirectory));
            }
        }

        return settings;
    }

    /// <summary>An optional JSON settings file; one that is not valid JSON is a usage error naming it and the line.</summary>
    private static SettingsLayer FileLayer(string name, string path)
    {
        if (!File.Exists(path))
        {
            return new SettingsLayer(name, path, []);
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(path, optional: true).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            var inner = (Exception?)e;
            while (inner is not null and not System.Text.Json.JsonException)
            {
                inner = inner.InnerException;
            }

            throw new CliUsageException(Diagnostics.Messages.SettingsFileInvalid(path, (inner as System.Text.Json.JsonException)?.LineNumber + 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(Diagnostics.Messages.SettingsFileUnreadable(path));
        }

        var folder = Path.GetDirectoryName(path) ?? string.Empty;
        var settings = root.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new Setting(pair.Key, pair.Value!, path, folder))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        (root as IDisposable)?.Dispose();
        return new SettingsLayer(name, path, settings);
    }
}
