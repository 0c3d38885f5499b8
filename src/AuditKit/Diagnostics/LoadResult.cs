using System.Collections.Immutable;

namespace AuditKit.Diagnostics;

/// <summary>The result of reading user input: a value when there were no errors, and every diagnostic.</summary>
public sealed record LoadResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    public bool Success => Value is not null && !Diagnostics.Any(d => d.IsError);

    public static LoadResult<T> Ok(T value, ImmutableArray<Diagnostic> warnings) => new(value, warnings);

    public static LoadResult<T> Failed(ImmutableArray<Diagnostic> diagnostics) => new(null, diagnostics);
}
