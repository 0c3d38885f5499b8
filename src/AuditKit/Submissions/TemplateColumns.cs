using AuditKit.Templates;

namespace AuditKit.Submissions;

/// <summary>What a column of a submission is for.</summary>
internal enum ColumnKind : byte
{
    AuditId,
    AuditDate,
    Auditor,
    CaseRef,
    CaseType,
    Team,
    Service,
    Practitioner,
    Template,
    OverallGrade,

    /// <summary>The <c>audit_id</c> of the first audit that this one moderates (a second, independent audit of the same case).</summary>
    Moderates,
    Answer,
    Comment,
    Fact,
}

/// <summary>The columns a template's submissions carry, by name (matched case-insensitively).</summary>
internal sealed class TemplateColumns
{
    /// <summary>The fixed columns, in <see cref="ColumnKind"/> order; the first <see cref="RequiredStandardCount"/> are required.</summary>
    public static readonly string[] StandardNames =
        ["audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "template", "overall_grade", "moderates"];

    public const int RequiredStandardCount = 6;

    public const string CommentSuffix = "_comment";

    private readonly Dictionary<string, (ColumnKind Kind, int Index)> _byName = new(StringComparer.OrdinalIgnoreCase);

    public TemplateColumns(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
        for (var i = 0; i < StandardNames.Length; i++)
        {
            _byName.TryAdd(StandardNames[i], ((ColumnKind)i, -1));
        }

        var criteria = template.Criteria;
        TakesAnswer = new bool[criteria.Length];
        for (var i = 0; i < criteria.Length; i++)
        {
            TakesAnswer[i] = criteria[i].TakesAnswer();
            _byName.TryAdd(criteria[i].Id, (ColumnKind.Answer, i));
        }

        for (var j = 0; j < template.Facts.Length; j++)
        {
            _byName.TryAdd(template.Facts[j].Id, (ColumnKind.Fact, j));
        }

        for (var i = 0; i < criteria.Length; i++)
        {
            _byName.TryAdd(criteria[i].Id + CommentSuffix, (ColumnKind.Comment, i));
        }

        KnownNames = [.. _byName.Keys];
        CaseTypes = [.. template.AppliesTo];
    }

    public AuditTemplate Template { get; }

    /// <summary>By criterion position: true when the auditor answers it (false for a computed criterion).</summary>
    public bool[] TakesAnswer { get; }

    /// <summary>Every column name the template knows, for "did you mean" hints.</summary>
    public string[] KnownNames { get; }

    public string[] CaseTypes { get; }

    public bool TryFind(string name, out ColumnKind kind, out int index)
    {
        if (_byName.TryGetValue(name, out var found))
        {
            kind = found.Kind;
            index = found.Index;
            return true;
        }

        kind = default;
        index = -1;
        return false;
    }
}
