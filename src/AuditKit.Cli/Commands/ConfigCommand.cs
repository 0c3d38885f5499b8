using System.CommandLine;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit config show</c>: the store a command would use and why, every setting in force with its source, and the
/// settings files looked for. Passwords are never printed.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var store = StoreOptions.Create();
        var show = new Command("show", "Show the store in use, every setting in force and where each came from (passwords hidden).");
        store.AddTo(show);
        show.SetAction(parse => Execute(context, store.Read(context, parse)!));
        return new Command("config", "What AuditKit is configured with and where each value came from.") { show };
    }

    private static int Execute(CliContext context, StoreChoice store)
    {
        var output = context.Out;
        output.WriteLine($"Store: {Describe(store)}");
        output.WriteLine($"  from {From(store)}");

        var settings = context.Settings.InForce();
        output.WriteLine();
        output.WriteLine(settings.Count == 0 ? "Settings in force: none." : "Settings in force (each from the last source that gives it):");
        foreach (var setting in settings)
        {
            output.WriteLine($"  {setting.Key} = {Shown(setting)}  ({setting.Source})");
        }

        output.WriteLine();
        output.WriteLine("Sources, later ones winning (options on the command line win over all):");
        foreach (var layer in context.Settings.Layers)
        {
            var state = layer.Path is null
                ? layer.Settings.Count == 0 ? "no AUDITKIT_ variables set" : $"{layer.Settings.Count} AUDITKIT_ variable{(layer.Settings.Count == 1 ? string.Empty : "s")}"
                : layer.Found ? $"{layer.Settings.Count} setting{(layer.Settings.Count == 1 ? string.Empty : "s")}" : "not there";
            output.WriteLine($"  {layer.Name}: {layer.Path?.Replace('\\', '/') ?? "AUDITKIT_ environment variables"} ({state})");
        }

        return ExitCodes.Ok;
    }

    private static string Describe(StoreChoice store) => store.Path is not null
        ? $"the SQLite file {store.Path}{(File.Exists(store.Path) ? string.Empty : " (not created yet)")}"
        : $"PostgreSQL, {ConnectionText.Hidden(store.ConnectionString!)}";

    private static string From(StoreChoice store) => store.Origin switch
    {
        StoreOrigin.Option => $"the option {store.Source}",
        StoreOrigin.Setting => store.Source!,
        _ => "the default: nothing configures a store, so it is auditkit.db in the current folder",
    };

    /// <summary>A setting's value as shown: a connection string without its password; a password key not at all.</summary>
    private static string Shown(Setting setting)
    {
        if (setting.Key.Contains("password", StringComparison.OrdinalIgnoreCase) || setting.Key.Contains("secret", StringComparison.OrdinalIgnoreCase))
        {
            return "(hidden)";
        }

        return setting.Key.Contains(ConfiguredStore.ConnectionKey, StringComparison.OrdinalIgnoreCase) ? ConnectionText.Hidden(setting.Value) : TerminalText.Escape(setting.Value);
    }
}
