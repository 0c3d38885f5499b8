using AuditKit.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace AuditKit.Cli.Hosting;

/// <summary>What every command is given: its output streams, the environment, and the composition root.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, CliEnvironment environment)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public CliEnvironment Environment { get; } = environment;

    /// <summary>A console for tables and progress; plain text without colour when not interactive.</summary>
    /// <param name="width">The width to lay tables out for; null for the console's own (<see cref="CliEnvironment.ConsoleWidth"/>).</param>
    public IAnsiConsole CreateConsole(int? width = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Environment.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Environment.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Environment.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        console.Profile.Width = width ?? Environment.ConsoleWidth;
        return console;
    }

    /// <summary>The settings of every source (<see cref="Hosting.Settings"/>), read once.</summary>
    public Settings Settings => _settings ??= Settings.Load(Environment);

    private Settings? _settings;

    /// <summary>Adds the settings of every source (<see cref="Hosting.Settings"/>), later sources winning.</summary>
    public void AddConfiguration(ConfigurationManager configuration) => Settings.AddTo(configuration);

    /// <summary>The working-day calendar from configuration: what the commands that run once need of it.</summary>
    public IWorkingDayCalendar Calendar()
    {
        using var configuration = new ConfigurationManager();
        AddConfiguration(configuration);
        return CreateCalendar(configuration);
    }

    /// <summary>
    /// The composition root of the long-running service (<c>watch</c>): configuration as <see cref="AddConfiguration"/>;
    /// logging to standard error (warnings and above); the clock and the working-day calendar.
    /// </summary>
    public IHost BuildHost(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        AddConfiguration(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        AddServiceLifetime(builder);
        builder.Services.AddSingleton(Environment.Clock);
        builder.Services.AddSingleton(CreateCalendar(builder.Configuration));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The lifetime of a long-running command (<c>watch</c>, <c>serve</c>) run as a service. Under a systemd unit
    /// (Type=notify): tell systemd when the service is ready and when it is stopping, and log lines with the journal's
    /// priority prefix. Under the Windows service control manager: its start and stop, and the Event Log. Otherwise
    /// nothing changes (Ctrl+C stops it).
    /// </summary>
    public void AddServiceLifetime(IHostApplicationBuilder builder)
    {
        if (UnderSystemd)
        {
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
            builder.Logging.AddSystemdConsole(o => o.TimestampFormat = null);
        }
        else if (OperatingSystem.IsWindows() && WindowsServiceHelpers.IsWindowsService())
        {
            AddWindowsService(builder);
        }
    }

    /// <summary>A Windows Service: the service control manager starts and stops it, and it logs to the Event Log.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void AddWindowsService(IHostApplicationBuilder builder)
    {
        builder.Services.AddWindowsService(o => o.ServiceName = "AuditKit");
        builder.Logging.AddEventLog(o => o.SourceName = "AuditKit");
    }

    /// <summary>
    /// Whether systemd runs this process as a service: it is the unit's process, or systemd gave it a socket to notify
    /// (<c>NOTIFY_SOCKET</c>, set for <c>Type=notify</c> units, also when started through a wrapper such as <c>sudo -u</c>).
    /// </summary>
    private bool UnderSystemd =>
        OperatingSystem.IsLinux()
        && (SystemdHelpers.IsSystemdService() || !string.IsNullOrEmpty(Environment.Variables.GetValueOrDefault("NOTIFY_SOCKET")));

    /// <summary>The England and Wales calendar plus any <c>Calendar:ExtraHolidays</c> from configuration.</summary>
    public static IWorkingDayCalendar CreateCalendar(IConfiguration configuration)
    {
        var options = new CalendarOptions();
        try
        {
            configuration.GetSection(CalendarOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            throw new CliUsageException(Diagnostics.Messages.SettingsCalendarInvalid);
        }

        var result = options.CreateCalendar();
        if (!result.Success || result.Value is null)
        {
            throw new CliUsageException(string.Join(" ", result.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Location}: {d.Message}")));
        }

        return result.Value;
    }

    public DateOnly Today() => DateOnly.FromDateTime(Environment.Clock.GetLocalNow().DateTime);

    /// <summary>A path as the user gave it, resolved against the working folder.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Environment.WorkingDirectory, path));

    /// <summary>
    /// The path to open and to show in messages: as the user gave it (relative stays relative) when the working
    /// folder is the process's own; otherwise resolved against the working folder.
    /// </summary>
    public string PathFor(string path)
    {
        var same = string.Equals(
            Path.GetFullPath(Environment.WorkingDirectory).TrimEnd('/'),
            Path.GetFullPath(Directory.GetCurrentDirectory()).TrimEnd('/'),
            StringComparison.Ordinal);
        return (same ? path : Resolve(path)).Replace('\\', '/');
    }
}
