namespace AuditKit.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>A problem with a user's input: a stable code, one sentence, and where it is.</summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, SourceLocation Location)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>The contract form: <c>path:line:column: error AKnnnn: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
