namespace AuditKit.Cli.Hosting;

/// <summary>What the program takes from its surroundings: the working folder, the clock, and whether the console is interactive.</summary>
public sealed record CliEnvironment(string WorkingDirectory, TimeProvider Clock, bool Interactive, int ConsoleWidth)
{
    /// <summary>Whether a run reads and validates on a thread of its own, ahead of evaluating (with a second processor).</summary>
    public bool ReadAhead { get; init; } = System.Environment.ProcessorCount > 1;

    public static CliEnvironment Default { get; } = new(
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        !System.Console.IsOutputRedirected,
        System.Console.IsOutputRedirected ? 160 : Math.Max(80, SafeWindowWidth()));

    /// <summary>A fixed environment for tests: no colour, a fixed width.</summary>
    public static CliEnvironment ForTests(string workingDirectory, DateTimeOffset now) =>
        new(workingDirectory, new FixedClock(now), Interactive: false, ConsoleWidth: 200);

    private static int SafeWindowWidth()
    {
        try
        {
            return System.Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
