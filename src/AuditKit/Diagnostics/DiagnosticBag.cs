using System.Collections.Immutable;

namespace AuditKit.Diagnostics;

/// <summary>Collects every problem found, so that all of them are reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _items.Add(diagnostic);
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        _items.AddRange(diagnostics);
    }

    public void Error(string code, SourceLocation location, string message) =>
        _items.Add(new Diagnostic(code, Severity.Error, message, location));

    public void Warning(string code, SourceLocation location, string message) =>
        _items.Add(new Diagnostic(code, Severity.Warning, message, location));

    /// <summary>Every diagnostic, sorted by file, line, column and code, without repeats.</summary>
    public ImmutableArray<Diagnostic> ToImmutableSorted() =>
        [.. _items.Distinct()
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)];
}
