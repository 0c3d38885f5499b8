using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Submissions;

namespace AuditKit.Sampling;

/// <summary>One open case of a caseload extract: its place in the extract and the fields a sample is drawn by.</summary>
/// <param name="Index">0-based position among the extract's rows that were read.</param>
/// <param name="Row">The row as the user sees it in its file (the header is row 1).</param>
/// <param name="CaseType">Null when the extract has no <c>case_type</c> column or the cell is blank.</param>
public sealed record CaseloadCase(int Index, string Source, int Row, string CaseRef, string Team, string? CaseType);

/// <summary>
/// A caseload extract (the columns <c>auditkit form --cases</c> reads: <c>case_ref</c>, <c>case_type</c>, <c>team</c>,
/// <c>service</c>, <c>practitioner</c>, ...) as read for sampling: the header of its first file, every row's cells by
/// column name, and the cases that can be drawn. Rows without a case reference or a team are listed as problems.
/// </summary>
public sealed class Caseload
{
    private Caseload(ImmutableArray<string> columns, ImmutableArray<IReadOnlyDictionary<string, string?>> rows, ImmutableArray<CaseloadCase> cases, ImmutableArray<RowProblem> problems)
    {
        Columns = columns;
        Rows = rows;
        Cases = cases;
        Problems = problems;
    }

    /// <summary>The column names, in the order of the extract (those of later files that the first lacks after them).</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>The cells of each case of <see cref="Cases"/>, by column name (case-insensitive), aligned with it.</summary>
    public ImmutableArray<IReadOnlyDictionary<string, string?>> Rows { get; }

    public ImmutableArray<CaseloadCase> Cases { get; }

    /// <summary>Errors (a column missing: nothing can be drawn) and warnings (a row left out), with file and row.</summary>
    public ImmutableArray<RowProblem> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.IsError);

    /// <summary>Whether the extract has a <c>case_type</c> column.</summary>
    public bool HasCaseTypes => Columns.Contains("case_type", StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the rows of one or more files; <paramref name="needCaseType"/> makes a missing case_type column an error.</summary>
    public static Caseload Read(IEnumerable<RawRecord> records, bool needCaseType, string source = "caseload")
    {
        ArgumentNullException.ThrowIfNull(records);
        var columns = new List<string>();
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = ImmutableArray.CreateBuilder<IReadOnlyDictionary<string, string?>>();
        var cases = ImmutableArray.CreateBuilder<CaseloadCase>();
        var problems = new List<RowProblem>();
        var checkedSources = new HashSet<string>(StringComparer.Ordinal);
        var unusable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (checkedSources.Add(record.Source))
            {
                foreach (var name in record.Header.Select(h => h.Trim()).Where(h => h.Length > 0 && known.Add(h)))
                {
                    columns.Add(name);
                }

                foreach (var (column, why) in Required(needCaseType))
                {
                    if (!record.Header.Any(h => string.Equals(h.Trim(), column, StringComparison.OrdinalIgnoreCase)))
                    {
                        problems.Add(new RowProblem(Messages.Sampling.MissingColumnCode, true, record.Source, 0, Messages.Sampling.MissingColumn(column, why)));
                        unusable.Add(record.Source);
                    }
                }
            }

            if (unusable.Contains(record.Source))
            {
                continue;
            }

            var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < record.Header.Count && i < record.Cells.Length; i++)
            {
                cells.TryAdd(record.Header[i].Trim(), record.Cells[i]);
            }

            var caseRef = cells.GetValueOrDefault("case_ref")?.Trim();
            var team = cells.GetValueOrDefault("team")?.Trim();
            var blank = string.IsNullOrEmpty(caseRef) ? "case_ref" : string.IsNullOrEmpty(team) ? "team" : null;
            if (blank is not null)
            {
                problems.Add(new RowProblem(Messages.Sampling.BlankKeyCode, false, record.Source, record.Row, Messages.Sampling.BlankKey(blank)));
                continue;
            }

            var caseType = cells.GetValueOrDefault("case_type")?.Trim();
            cases.Add(new CaseloadCase(cases.Count, record.Source, record.Row, caseRef!, team!, string.IsNullOrEmpty(caseType) ? null : caseType));
            rows.Add(cells);
        }

        if (cases.Count == 0 && !problems.Exists(p => p.IsError))
        {
            problems.Add(new RowProblem(Messages.Sampling.NoCasesCode, true, checkedSources.FirstOrDefault() ?? source, 0, Messages.Sampling.NoCases));
        }

        return new Caseload([.. columns], rows.ToImmutable(), cases.ToImmutable(), [.. problems]);
    }

    private static IEnumerable<(string Column, string Why)> Required(bool needCaseType)
    {
        yield return ("case_ref", "names each case");
        yield return ("team", "the sample is drawn team by team");
        if (needCaseType)
        {
            yield return ("case_type", "--by case_type draws by");
        }
    }
}
