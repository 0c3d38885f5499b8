using AuditKit.Cli.Hosting;
using AuditKit.Diagnostics;

namespace AuditKit.Cli.Commands;

/// <summary>
/// The store the settings name: <c>Db</c> (an SQLite file; <c>AUDITKIT_DB</c>) or <c>Connection</c> (PostgreSQL;
/// <c>AUDITKIT_CONNECTION</c>). The highest source giving either decides; a relative <c>Db</c> in a file is taken from
/// that file's folder, one in a variable from the working folder.
/// </summary>
internal static class ConfiguredStore
{
    public const string DbKey = "Db";

    public const string ConnectionKey = "Connection";

    /// <summary>The configured store, or null when no source sets one.</summary>
    /// <exception cref="CliUsageException">AK7002 when one source sets both; AK7003 when the value is empty.</exception>
    public static StoreChoice? Find(CliContext context)
    {
        foreach (var layer in context.Settings.Layers.Reverse())
        {
            var db = layer.Settings.FirstOrDefault(s => s.Key.Equals(DbKey, StringComparison.OrdinalIgnoreCase));
            var connection = layer.Settings.FirstOrDefault(s => s.Key.Equals(ConnectionKey, StringComparison.OrdinalIgnoreCase));
            if (db is not null && connection is not null)
            {
                var source = db.Source == connection.Source ? db.Source : $"{db.Source} and {connection.Source}";
                throw new CliUsageException($"{Messages.Install.StoreTwiceCode}: {Messages.Install.StoreTwice(source)}");
            }

            if ((db ?? connection) is not { } setting)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(setting.Value))
            {
                throw new CliUsageException($"{Messages.Install.StoreSettingEmptyCode}: {Messages.Install.StoreSettingEmpty(setting.Key, setting.Source)}");
            }

            return db is not null
                ? new StoreChoice(PathFor(context, setting), null) { Origin = StoreOrigin.Setting, Source = setting.Source }
                : new StoreChoice(null, setting.Value) { Origin = StoreOrigin.Setting, Source = setting.Source };
        }

        return null;
    }

    /// <summary>A file's relative path from its own folder; a variable's as any path the user gives.</summary>
    private static string PathFor(CliContext context, Setting setting) =>
        setting.Folder == context.Environment.WorkingDirectory
            ? context.PathFor(setting.Value)
            : Path.GetFullPath(Path.Combine(setting.Folder, setting.Value)).Replace('\\', '/');
}
