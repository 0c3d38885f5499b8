using System.Text;
using Spectre.Console;

namespace AuditKit.Cli.Console;

/// <summary>
/// Console output laid out on a thread of its own while the caller goes on, held back, and printed (or dropped) when
/// the caller says. A run lays out its summary while it writes its reports: the tables take about as long to lay out
/// the first time as a large summary.json takes to write, and they need only the run's results.
/// </summary>
/// <remarks>The console must not be used by anything else until <see cref="Print"/> or <see cref="Discard"/>.</remarks>
internal sealed class DeferredConsoleOutput
{
    private readonly IAnsiConsole _console;
    private readonly IAnsiConsoleOutput _out;
    private readonly int _width;
    private readonly int _height;
    private readonly StringWriter _held = new();
    private readonly Task _rendering;

    private DeferredConsoleOutput(IAnsiConsole console, Action<IAnsiConsole> render)
    {
        _console = console;
        _out = console.Profile.Out;
        _width = console.Profile.Width;
        _height = console.Profile.Height;
        console.Profile.Out = new HeldOutput(_out, _held);
        RestoreSize();
        _rendering = Task.Run(() => render(console));
    }

    /// <summary>Starts laying out <paramref name="render"/>'s output to <paramref name="console"/>, as the console would print it.</summary>
    public static DeferredConsoleOutput Start(IAnsiConsole console, Action<IAnsiConsole> render)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(render);
        return new DeferredConsoleOutput(console, render);
    }

    /// <summary>Waits for the output and prints it to the console; a failure while laying it out is thrown here.</summary>
    public void Print()
    {
        try
        {
            _rendering.GetAwaiter().GetResult();
        }
        finally
        {
            Restore();
        }

        _out.Writer.Write(_held.ToString());
        _out.Writer.Flush();
    }

    /// <summary>Waits for the output and drops it: the caller failed, and says so instead.</summary>
    public void Discard()
    {
        try
        {
            ((IAsyncResult)_rendering).AsyncWaitHandle.WaitOne();
        }
        finally
        {
            Restore();
        }
    }

    private void Restore()
    {
        _console.Profile.Out = _out;
        RestoreSize();
    }

    // Setting the output of a terminal can reset the width and height the console was given.
    private void RestoreSize()
    {
        _console.Profile.Width = _width;
        _console.Profile.Height = _height;
    }

    /// <summary>The console's own output, but writing to memory.</summary>
    private sealed class HeldOutput(IAnsiConsoleOutput real, TextWriter held) : IAnsiConsoleOutput
    {
        public TextWriter Writer => held;

        public bool IsTerminal => real.IsTerminal;

        public int Width => real.Width;

        public int Height => real.Height;

        public void SetEncoding(Encoding encoding) => real.SetEncoding(encoding);
    }
}
