namespace AuditKit.Cli.Hosting;

/// <summary>
/// What the program takes from its surroundings: the working folder, the clock, whether the console is interactive, the
/// environment variables and the user's and machine's configuration folders.
/// </summary>
public sealed record CliEnvironment(string WorkingDirectory, TimeProvider Clock, bool Interactive, int ConsoleWidth)
{
    /// <summary>The environment variables (only those starting <c>AUDITKIT_</c> are read as settings).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder of the user's own <c>auditkit.json</c>; null for none.</summary>
    public string? UserConfigFolder { get; init; }

    /// <summary>The folder of the machine's <c>auditkit.json</c> (for everyone on it); null for none.</summary>
    public string? MachineConfigFolder { get; init; }

    /// <summary>Whether a run reads and validates on a thread of its own, ahead of evaluating (with a second processor).</summary>
    public bool ReadAhead { get; init; } = System.Environment.ProcessorCount > 1;

    /// <summary>Standard input, which <c>users add --password-stdin</c> reads the password from.</summary>
    public TextReader Input { get; init; } = System.Console.In;

    /// <summary>The narrowest and widest console the summary is laid out for.</summary>
    public const int MinWidth = 40;

    public const int MaxWidth = 1000;

    /// <summary>The width when the output is not a terminal and <c>COLUMNS</c> is not set.</summary>
    public const int RedirectedWidth = 160;

    public static CliEnvironment Default { get; } = new(
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        !System.Console.IsOutputRedirected,
        ConsoleWidthFrom(System.Environment.GetEnvironmentVariable("COLUMNS"), System.Console.IsOutputRedirected ? null : SafeWindowWidth()))
    {
        Variables = ProcessVariables(),
        UserConfigFolder = ConfigFolders.User(OperatingSystem.IsWindows(), System.Environment.GetEnvironmentVariable),
        MachineConfigFolder = ConfigFolders.Machine(OperatingSystem.IsWindows(), System.Environment.GetEnvironmentVariable),
    };

    /// <summary>A fixed environment for tests: no colour, a fixed width.</summary>
    public static CliEnvironment ForTests(string workingDirectory, DateTimeOffset now) =>
        new(workingDirectory, new FixedClock(now), Interactive: false, ConsoleWidth: 200);

    /// <summary>
    /// The console's width: <c>COLUMNS</c> when it holds a whole number from 40 to 1,000 (as most programs take it),
    /// else the terminal's window width (at least 40), else <see cref="RedirectedWidth"/>.
    /// </summary>
    internal static int ConsoleWidthFrom(string? columns, int? windowWidth)
    {
        if (int.TryParse(columns?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fromEnvironment)
            && fromEnvironment is >= MinWidth and <= MaxWidth)
        {
            return fromEnvironment;
        }

        return windowWidth is { } width && width > 0 ? Math.Clamp(width, MinWidth, MaxWidth) : RedirectedWidth;
    }

    private static Dictionary<string, string> ProcessVariables()
    {
        var variables = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return variables;
    }

    private static int? SafeWindowWidth()
    {
        try
        {
            return System.Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
