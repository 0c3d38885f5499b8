namespace AuditKit.Collections;

/// <summary>
/// One instance of each name (a team, a person, a grade): a run reads the same few thousand over and over, each
/// time as a new string, and keeps many of them; pooled, only the first of each stays.
/// </summary>
/// <remarks>For one thread.</remarks>
internal sealed class NamePool
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The pool's instance of <paramref name="name"/>: the first equal one it was given.</summary>
    public string Shared(string name)
    {
        if (!_names.TryGetValue(name, out var shared))
        {
            shared = name;
            _names.Add(name, shared);
        }

        return shared;
    }
}
