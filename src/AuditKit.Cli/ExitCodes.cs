namespace AuditKit.Cli;

/// <summary>Exit codes of contract 3.</summary>
internal static class ExitCodes
{
    /// <summary>Everything valid; every row accepted.</summary>
    public const int Ok = 0;

    /// <summary>The command line could not be parsed, or AuditKit failed unexpectedly.</summary>
    public const int Usage = 1;

    /// <summary>Templates invalid, or nothing could be read.</summary>
    public const int Invalid = 2;

    /// <summary>Some rows were rejected (outputs still written).</summary>
    public const int SomeRejected = 3;
}

/// <summary>A problem with what the user asked for (a missing file, a bad option value): reported in one line, no stack trace.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
