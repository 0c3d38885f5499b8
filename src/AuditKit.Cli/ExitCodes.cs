namespace AuditKit.Cli;

/// <summary>Exit codes of contract 3.</summary>
internal static class ExitCodes
{
    /// <summary>Everything valid; every row accepted.</summary>
    public const int Ok = 0;

    /// <summary>AuditKit itself failed unexpectedly (a fault to report; never for bad input).</summary>
    public const int Fault = 1;

    /// <summary>Templates invalid, nothing could be read, or a usage error (an unknown option, a missing or bad value).</summary>
    public const int Invalid = 2;

    /// <summary>Some rows were rejected (outputs still written).</summary>
    public const int SomeRejected = 3;
}

/// <summary>A problem with what the user asked for (a missing file, a bad option value): reported in one line, no stack trace.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
