using System.Collections.Immutable;

namespace AuditKit.Diagnostics;

/// <summary>
/// The result of reading user input: every diagnostic, and a value. The value is complete when there are no
/// errors (<see cref="Success"/>); with errors it may still hold a best-effort model, for further checking only.
/// </summary>
public sealed record LoadResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    public bool Success => Value is not null && !Diagnostics.Any(d => d.IsError);

    public static LoadResult<T> Ok(T value, ImmutableArray<Diagnostic> warnings) => new(value, warnings);

    public static LoadResult<T> Failed(ImmutableArray<Diagnostic> diagnostics) => new(null, diagnostics);
}
