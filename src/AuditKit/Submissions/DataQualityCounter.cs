using System.Collections.Immutable;
using AuditKit.Templates;

namespace AuditKit.Submissions;

/// <summary>
/// Counts blank entries per field over the rows read (accepted or not), for the data quality check
/// (one source plan: blanks must not exceed 5% of entries per field).
/// </summary>
/// <remarks>
/// Fields, in this order: the required columns (audit_id, audit_date, auditor, case_ref, case_type, team),
/// then service, practitioner and overall_grade, then each criterion the auditor answers (computed criteria
/// take no answer and are left out), then each fact, both in template order. A cell is blank when it is
/// empty or its column is absent. Rows the reader could not read (<see cref="RawRecord.ReadProblem"/> set)
/// are not counted: their cells cannot be trusted. Each row is also counted under its team (the team as validation
/// read it), for the team packs.
/// </remarks>
public sealed class DataQualityCounter
{
    private readonly HeaderMapCache _maps;
    private readonly string[] _fields;
    private readonly ColumnKind[] _kinds;
    private readonly int[] _positions;
    private readonly bool[] _expected;
    private readonly int[] _blank;
    private readonly Dictionary<string, TeamCounts> _teams = new(StringComparer.Ordinal);
    private int _rows;

    public DataQualityCounter(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var columns = new TemplateColumns(template);
        _maps = new HeaderMapCache(columns);
        var fields = new List<(string Name, ColumnKind Kind, int Position, bool Expected)>();
        ColumnKind[] standard =
        [
            ColumnKind.AuditId, ColumnKind.AuditDate, ColumnKind.Auditor, ColumnKind.CaseRef, ColumnKind.CaseType, ColumnKind.Team,
            ColumnKind.Service, ColumnKind.Practitioner, ColumnKind.OverallGrade,
        ];
        foreach (var kind in standard)
        {
            fields.Add((TemplateColumns.StandardNames[(int)kind], kind, (int)kind, kind != ColumnKind.OverallGrade));
        }

        for (var i = 0; i < template.Criteria.Length; i++)
        {
            if (columns.TakesAnswer[i])
            {
                fields.Add((template.Criteria[i].Id, ColumnKind.Answer, i, true));
            }
        }

        for (var j = 0; j < template.Facts.Length; j++)
        {
            fields.Add((template.Facts[j].Id, ColumnKind.Fact, j, template.Facts[j].Required));
        }

        _fields = [.. fields.Select(f => f.Name)];
        _kinds = [.. fields.Select(f => f.Kind)];
        _positions = [.. fields.Select(f => f.Position)];
        _expected = [.. fields.Select(f => f.Expected)];
        _blank = new int[_fields.Length];
    }

    /// <summary>Rows counted so far.</summary>
    public int Rows => _rows;

    /// <summary>Counts one row read. Rows with a read problem are skipped.</summary>
    /// <param name="team">The team the row was counted under or named (see <see cref="ValidationResult.Team"/>), if any.</param>
    public void Add(RawRecord record, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ReadProblem is not null)
        {
            return;
        }

        var map = _maps.For(record, out _);
        var cells = record.Cells;
        _rows++;
        TeamCounts? teamCounts = null;
        if (team is not null)
        {
            var key = team.Trim();
            if (!_teams.TryGetValue(key, out teamCounts))
            {
                teamCounts = new TeamCounts(_fields.Length);
                _teams.Add(key, teamCounts);
            }

            teamCounts.Rows++;
        }

        for (var f = 0; f < _fields.Length; f++)
        {
            var column = _kinds[f] switch
            {
                ColumnKind.Answer => map.Answers[_positions[f]],
                ColumnKind.Fact => map.Facts[_positions[f]],
                _ => map.Standard[_positions[f]],
            };
            if (column < 0 || column >= cells.Length || string.IsNullOrWhiteSpace(cells[column]))
            {
                _blank[f]++;
                if (teamCounts is not null)
                {
                    teamCounts.Blank[f]++;
                }
            }
        }
    }

    /// <summary>The blank share of each field over the rows counted, against <paramref name="threshold"/> (a fraction, 0..1).</summary>
    public DataQualityReport Complete(double threshold = DataQualityReport.DefaultThreshold) => Report(threshold, _blank, _rows);

    /// <summary>As <see cref="Complete"/>, over each team's rows (by team name, ordinal).</summary>
    public ImmutableSortedDictionary<string, DataQualityReport> CompleteByTeam(double threshold = DataQualityReport.DefaultThreshold) =>
        _teams.ToImmutableSortedDictionary(t => t.Key, t => Report(threshold, t.Value.Blank, t.Value.Rows), StringComparer.Ordinal);

    private DataQualityReport Report(double threshold, int[] blank, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        var fields = ImmutableArray.CreateBuilder<FieldQuality>(_fields.Length);
        for (var f = 0; f < _fields.Length; f++)
        {
            fields.Add(new FieldQuality(_fields[f], blank[f], rows) { Expected = _expected[f] });
        }

        return new DataQualityReport(threshold, fields.MoveToImmutable());
    }

    private sealed class TeamCounts(int fields)
    {
        public int Rows { get; set; }

        public int[] Blank { get; } = new int[fields];
    }
}
