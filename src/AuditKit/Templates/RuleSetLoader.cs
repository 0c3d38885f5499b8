using AuditKit.Diagnostics;

namespace AuditKit.Templates;

/// <summary>Reads one rule set file.</summary>
public static class RuleSetLoader
{
    public static LoadResult<RuleSet> Load(string path) => throw new NotImplementedException();
}
