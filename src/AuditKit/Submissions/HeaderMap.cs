using System.Collections.Immutable;
using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>
/// One source's header mapped onto a template's columns, worked out once per header: where each column
/// is (-1 when absent), the reasons every row of the source is rejected for (a required column missing or
/// repeated), and the diagnostics to show once for the source.
/// </summary>
internal sealed class HeaderMap
{
    private HeaderMap(int columnCount, TemplateColumns columns)
    {
        Standard = Filled(TemplateColumns.StandardNames.Length);
        Answers = Filled(columns.Template.Criteria.Length);
        Comments = Filled(columns.Template.Criteria.Length);
        Facts = Filled(columns.Template.Facts.Length);
        ColumnCount = columnCount;
    }

    /// <summary>Column index of each fixed column, by <see cref="ColumnKind"/>.</summary>
    public int[] Standard { get; }

    /// <summary>Column index of each criterion's answer, by criterion position (-1 also for computed criteria).</summary>
    public int[] Answers { get; }

    public int[] Comments { get; }

    public int[] Facts { get; }

    /// <summary>True where a required column is missing, so its blank is already one of <see cref="RowReasons"/>.</summary>
    public bool[] StandardMissing { get; private set; } = [];

    /// <summary>How many columns the header has.</summary>
    public int ColumnCount { get; }

    /// <summary>Reasons every row of this source is rejected for.</summary>
    public ImmutableArray<string> RowReasons { get; private set; } = [];

    public ImmutableArray<Diagnostic> Diagnostics { get; private set; } = [];

    /// <summary>Columns with no name; a value in one is reported once.</summary>
    public int[] NamelessColumns { get; private set; } = [];

    /// <summary>Columns sorted by lower-case name (then position): the order a row's content is hashed in.</summary>
    public int[] HashOrder { get; private set; } = [];

    /// <summary>The lower-case name of each column, by column index.</summary>
    public string[] HashNames { get; private set; } = [];

    /// <summary>True when the column is one the template reads (a fixed column, an answer, a comment or a fact).</summary>
    public bool IsRead(int column) =>
        column >= 0 && (Array.IndexOf(Standard, column) >= 0 || Array.IndexOf(Answers, column) >= 0
            || Array.IndexOf(Comments, column) >= 0 || Array.IndexOf(Facts, column) >= 0);

    public static HeaderMap Build(TemplateColumns columns, IReadOnlyList<string> header, string source)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(header);
        var map = new HeaderMap(header.Count, columns);
        var template = columns.Template;
        var location = SourceLocation.FileOnly(source);
        var reasons = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var unknown = new List<string>();
        var nameless = new List<int>();
        var repeated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c]?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                nameless.Add(c);
                continue;
            }

            if (!columns.TryFind(name, out var kind, out var index))
            {
                unknown.Add(name);
                continue;
            }

            var slots = kind switch
            {
                ColumnKind.Answer => map.Answers,
                ColumnKind.Comment => map.Comments,
                ColumnKind.Fact => map.Facts,
                _ => map.Standard,
            };
            var slot = slots == map.Standard ? (int)kind : index;
            if (slots[slot] >= 0)
            {
                repeated.Add(name);
                continue;
            }

            if (kind == ColumnKind.Answer && !columns.TakesAnswer[index])
            {
                diagnostics.Add(new Diagnostic(
                    Messages.Submissions.ComputedCriterionColumnCode,
                    Severity.Warning,
                    Messages.Submissions.ComputedCriterionColumnDiagnostic(template.Criteria[index].Id),
                    location));
                continue;
            }

            slots[slot] = c;
        }

        // No column known at all: say the one thing that is wrong (another separator, a form saved as CSV), not a
        // "column missing" for every column.
        if (HeaderProblem(header, template) is { } problem && Array.TrueForAll(map.Standard, c => c < 0)
            && Array.TrueForAll(map.Answers, c => c < 0) && Array.TrueForAll(map.Facts, c => c < 0))
        {
            map.StandardMissing = [.. Enumerable.Repeat(true, map.Standard.Length)];
            map.RowReasons = [problem];
            map.Diagnostics = [new Diagnostic(Messages.Submissions.HeaderNotReadCode, Severity.Error, Messages.Submissions.HeaderNotReadDiagnostic(problem), location)];
            map.NamelessColumns = [];
            BuildHashOrder(map, header);
            return map;
        }

        // Missing required columns: every row is rejected, with a hint when an unknown column looks like it.
        var missingStandard = new bool[map.Standard.Length];
        for (var k = 0; k < TemplateColumns.RequiredStandardCount; k++)
        {
            if (map.Standard[k] < 0)
            {
                missingStandard[k] = true;
                AddMissing(TemplateColumns.StandardNames[k]);
            }
        }

        for (var i = 0; i < template.Criteria.Length; i++)
        {
            if (columns.TakesAnswer[i] && template.Criteria[i].Required && map.Answers[i] < 0)
            {
                AddMissing(template.Criteria[i].Id);
            }
        }

        for (var j = 0; j < template.Facts.Length; j++)
        {
            if (template.Facts[j].Required && map.Facts[j] < 0)
            {
                AddMissing(template.Facts[j].Id);
            }
        }

        // A known column given twice: which value counts is unclear, so every row is rejected.
        foreach (var name in repeated.Order(StringComparer.OrdinalIgnoreCase))
        {
            var canonical = Canonical(columns, name);
            reasons.Add(Messages.Submissions.ColumnRepeated(canonical));
            diagnostics.Add(new Diagnostic(
                Messages.Submissions.ColumnRepeatedCode,
                Severity.Error,
                Messages.Submissions.ColumnRepeatedDiagnostic(canonical),
                location));
        }

        var seenUnknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in unknown)
        {
            if (seenUnknown.Add(name))
            {
                diagnostics.Add(new Diagnostic(
                    Messages.Submissions.UnknownColumnCode,
                    Severity.Warning,
                    Messages.Submissions.UnknownColumnDiagnostic(name, template.Id, NameSuggestions.Hint(name, columns.KnownNames)),
                    location));
            }
        }

        map.StandardMissing = missingStandard;
        map.RowReasons = [.. reasons];
        map.Diagnostics = [.. diagnostics];
        map.NamelessColumns = [.. nameless];
        BuildHashOrder(map, header);
        return map;

        void AddMissing(string column)
        {
            var lookalike = unknown.Count == 0 ? null : NameSuggestions.Closest(column, unknown);
            reasons.Add(Messages.Submissions.ColumnMissing(column, lookalike));
            diagnostics.Add(new Diagnostic(
                Messages.Submissions.ColumnMissingCode,
                Severity.Error,
                Messages.Submissions.ColumnMissingDiagnostic(column, lookalike),
                location));
        }
    }

    /// <summary>Why a header in which no column is known cannot be read, when that can be told; else null.</summary>
    private static string? HeaderProblem(IReadOnlyList<string> header, Templates.AuditTemplate template)
    {
        var names = header.Select(h => h?.Trim() ?? string.Empty).Where(h => h.Length > 0).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        if (names.Any(n => n.Contains(';', StringComparison.Ordinal)))
        {
            return Messages.Submissions.SeparatedBy("semicolons (;)");
        }

        if (names.Any(n => n.Contains('\t', StringComparison.Ordinal)))
        {
            return Messages.Submissions.SeparatedBy("tabs");
        }

        // The form's title row: "Title (template-id, version N)".
        var first = names[0];
        if (first.Contains($"({template.Id}, version ", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith(template.Title, StringComparison.OrdinalIgnoreCase))
        {
            return Messages.Submissions.FormSavedAsCsv;
        }

        return null;
    }

    private static string Canonical(TemplateColumns columns, string name)
    {
        foreach (var known in columns.KnownNames)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name;
    }

    private static void BuildHashOrder(HeaderMap map, IReadOnlyList<string> header)
    {
        var names = new string[header.Count];
        var order = new int[header.Count];
        for (var c = 0; c < names.Length; c++)
        {
            names[c] = (header[c] ?? string.Empty).Trim().ToLowerInvariant();
            order[c] = c;
        }

        Array.Sort(order, (a, b) =>
        {
            var byName = string.CompareOrdinal(names[a], names[b]);
            return byName != 0 ? byName : a.CompareTo(b);
        });
        map.HashOrder = order;
        map.HashNames = names;
    }

    private static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }
}
