using System.CommandLine;
using AuditKit.Cli.Hosting;
using AuditKit.Diagnostics;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>--db PATH</c>, <c>--connection TEXT</c> and (for <c>run</c>) <c>--no-store</c>: which history store a command
/// uses. Neither given: the SQLite file <c>auditkit.db</c> in the working folder.
/// </summary>
internal sealed class StoreOptions
{
    private StoreOptions(bool allowNoStore)
    {
        Db = new Option<string?>("--db") { Description = $"The SQLite store file (default: {AuditStore.DefaultFileName} in the current folder)." };
        Connection = new Option<string?>("--connection") { Description = "A PostgreSQL store instead of a file: \"Host=...;Database=...;Username=...\"." };
        NoStore = allowNoStore ? new Option<bool>("--no-store") { Description = "Record nothing in the history store." } : null;
    }

    public Option<string?> Db { get; }

    public Option<string?> Connection { get; }

    public Option<bool>? NoStore { get; }

    /// <summary>The options of <c>run</c> and <c>watch</c> (<c>--no-store</c> only when <paramref name="allowNoStore"/>).</summary>
    public static StoreOptions Create(bool allowNoStore = false) => new(allowNoStore);

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Connection);
        if (NoStore is not null)
        {
            command.Options.Add(NoStore);
        }
    }

    /// <summary>
    /// The store to use, or null with <c>--no-store</c>: <c>--db</c> or <c>--connection</c>, else the configured one
    /// (<see cref="ConfiguredStore"/>), else <c>auditkit.db</c> in the working folder.
    /// </summary>
    public StoreChoice? Read(CliContext context, ParseResult parse)
    {
        var db = parse.GetValue(Db);
        var connection = parse.GetValue(Connection);
        var none = NoStore is not null && parse.GetValue(NoStore);
        if (new[] { db is not null, connection is not null, none }.Count(x => x) > 1)
        {
            throw new CliUsageException("Give at most one of --db, --connection and --no-store.");
        }

        if (none)
        {
            return null;
        }

        if (connection is not null)
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new CliUsageException("--connection is empty; give a PostgreSQL connection string such as \"Host=localhost;Database=auditkit;Username=auditkit\".");
            }

            if (ConnectionText.PasswordKey(connection) is { } key)
            {
                throw new CliUsageException($"{Messages.Install.PasswordOnCommandLineCode}: {Messages.Install.PasswordOnCommandLine(key)}");
            }

            return new StoreChoice(null, connection) { Origin = StoreOrigin.Option, Source = "--connection" };
        }

        if (db is not null)
        {
            return new StoreChoice(context.PathFor(db), null) { Origin = StoreOrigin.Option, Source = "--db" };
        }

        return ConfiguredStore.Find(context) ?? new StoreChoice(context.PathFor(AuditStore.DefaultFileName), null) { Origin = StoreOrigin.Default };
    }
}

/// <summary>What chose the store a command uses.</summary>
internal enum StoreOrigin
{
    /// <summary><c>--db</c> or <c>--connection</c>.</summary>
    Option,

    /// <summary>A settings file or an environment variable.</summary>
    Setting,

    /// <summary>Nothing: <c>auditkit.db</c> in the working folder.</summary>
    Default,
}

/// <summary>An SQLite file (<see cref="Path"/>) or a PostgreSQL connection string.</summary>
internal sealed record StoreChoice(string? Path, string? ConnectionString)
{
    /// <summary>What chose it: an option, a setting or nothing (the default).</summary>
    public StoreOrigin Origin { get; init; } = StoreOrigin.Option;

    /// <summary>The option, the settings file's path or the environment variable that chose it; null for the default.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Why this store, for output: null when an option chose it (the person typed it); otherwise a sentence naming the
    /// setting, or saying that nothing is configured.
    /// </summary>
    public string? Why => Origin switch
    {
        StoreOrigin.Setting => $"The store is set in {Source}; 'auditkit config show' shows every setting and its source.",
        StoreOrigin.Default => $"No store is configured, so the store is {AuditStore.DefaultFileName} in the current folder; "
            + "set Db or Connection in auditkit.json in your configuration folder to use one store from every folder ('auditkit config show' says where).",
        _ => null,
    };

    /// <summary>How output names the store: the file as given, or "PostgreSQL".</summary>
    public string DisplayName => Path ?? "PostgreSQL";

    /// <summary>Opens (creating an SQLite file if need be) the store.</summary>
    /// <exception cref="StoreException">It cannot be opened.</exception>
    public IAuditStore Open() => Path is not null ? AuditStore.OpenSqlite(Path) : AuditStore.OpenPostgres(
        ConnectionString ?? throw new InvalidOperationException("A store choice holds a path or a connection string."));

    /// <summary>Opens a store that must already exist (for commands that only read it or change actions).</summary>
    /// <exception cref="StoreException">AK5006 when the SQLite file does not exist; or it cannot be opened.</exception>
    public IAuditStore OpenExisting()
    {
        if (Path is not null && !File.Exists(Path))
        {
            throw new StoreException(Messages.StoreMissingCode, Messages.StoreMissing(Path));
        }

        return Open();
    }
}
