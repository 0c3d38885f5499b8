namespace AuditKit.Cli.Hosting;

/// <summary>What the program takes from its surroundings: the working folder, the clock, and whether the console is interactive.</summary>
public sealed record CliEnvironment(string WorkingDirectory, TimeProvider Clock, bool Interactive, int ConsoleWidth)
{
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
        ConsoleWidthFrom(System.Environment.GetEnvironmentVariable("COLUMNS"), System.Console.IsOutputRedirected ? null : SafeWindowWidth()));

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
