using System.Runtime.InteropServices;
using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Submissions;

/// <summary>
/// Checks rows read from submissions against a template (contract 2): each row becomes an accepted
/// <see cref="Submission"/> or a <see cref="RejectedRow"/> listing every reason.
/// </summary>
/// <remarks>
/// <para>Use one validator for a whole batch, over every source in order: it remembers the audit ids it
/// has accepted so that a repeated audit id is caught across files. The first row with an audit id that is
/// otherwise valid is accepted and claims the id. A later row with the same id and identical content is
/// rejected as a duplicate that is counted once; with different content it is rejected as a clash. A row
/// rejected for other reasons does not claim its id, so a corrected copy later in the batch is accepted.
/// Per audit id only a 128-bit content hash and the first source and row are kept (see <see cref="DuplicateAuditIds"/>).</para>
/// <para>Header checks run once per source and header (the header list instance shared by a source's rows):
/// a missing required column or a known column given twice rejects every row of that source with that
/// reason; an unknown column is a warning with a "did you mean" hint. These are in <see cref="SourceDiagnostics"/>.</para>
/// <para>Not thread-safe: validate the rows of a batch one after another.</para>
/// </remarks>
public sealed class SubmissionValidator
{
    private readonly AuditTemplate _template;
    private readonly TemplateColumns _columns;
    private readonly HeaderMapCache _maps;
    private readonly DuplicateAuditIds _auditIds = new();
    private readonly List<string> _reasons = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<Diagnostic> _diagnosticSet = [];
    private readonly HashSet<string> _futureWarned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Spelling, string Source, int Row)> _teamSpellings = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _teamVariantsWarned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oldWarned = new(StringComparer.Ordinal);
    private List<int>? _problemColumns;
    private IReadOnlySet<string> _storedModerations = new HashSet<string>();
    private string? _storedWhere;
    private readonly DayMonthOrder _dayMonth = new();

    public SubmissionValidator(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _columns = new TemplateColumns(template);
        _maps = new HeaderMapCache(_columns);
    }

    public AuditTemplate Template => _template;

    /// <summary>The first audit date accepted: earlier ones are impossible for an audit AuditKit records.</summary>
    public static readonly DateOnly EarliestAuditDate = new(2000, 1, 1);

    /// <summary>The first and last date accepted anywhere: outside them, no due date or working day count can be worked out.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>How many years before the as-of date an audit date is warned about as implausible.</summary>
    public const int OldAuditYears = 3;

    /// <summary>The as-of date of the run or check: audit dates after it, or years before it, are warned about.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// True for a draft (the web app's form before it is submitted): a required answer or fact left blank is not yet a
    /// reason; every other check is made as for a file.
    /// </summary>
    public bool AllowsBlankRequired { get; init; }

    /// <summary>
    /// Problems with a source as a whole, once per source, in the order found: missing required columns and
    /// repeated columns (errors; those rows are also rejected), unknown columns and ignored columns (warnings); then
    /// dates that look written month first, judged over each whole source (so read this after the last row).
    /// </summary>
    public IReadOnlyList<Diagnostic> SourceDiagnostics
    {
        get
        {
            foreach (var warning in _dayMonth.Warnings())
            {
                AddDiagnostic(warning);
            }

            return _diagnostics;
        }
    }

    /// <summary>
    /// Team names already in use elsewhere (the store's, from earlier runs): a row's team that differs from one of them
    /// only in case or spacing is counted as that team, with a warning (AK3007) naming <paramref name="where"/>. Call
    /// before the first row.
    /// </summary>
    public void AddKnownTeams(IEnumerable<string> names, string where)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(where);
        foreach (var name in names)
        {
            _teamSpellings.TryAdd(NormaliseSpacing(name), (name, where, 0));
        }
    }

    /// <summary>
    /// The audit ids recorded in <paramref name="where"/> (the store) as moderation audits of this template: a row with one
    /// of those ids and no <c>moderates</c> value is rejected (it would turn a moderation audit into a first audit of the
    /// case). Call before the first row.
    /// </summary>
    public void AddStoredModerations(IReadOnlySet<string> auditIds, string where)
    {
        ArgumentNullException.ThrowIfNull(auditIds);
        ArgumentNullException.ThrowIfNull(where);
        _storedModerations = auditIds;
        _storedWhere = where;
    }

    /// <summary>How many rows read so far have a <c>moderates</c> value (moderation audits), accepted or not.</summary>
    public int ModerationRowsRead { get; private set; }

    /// <summary>
    /// The audit of this batch accepted with <paramref name="auditId"/> (ignoring case), with the keys a moderation audit of
    /// it is checked against; false when no row with that id was accepted.
    /// </summary>
    internal bool TryFindAccepted(string auditId, out DuplicateAuditIds.FirstUse first) => _auditIds.TryGetFirst(auditId, out first);

    /// <summary>Validates one row. Bad input never throws: it gives a <see cref="RejectedRow"/>.</summary>
    public ValidationResult Validate(RawRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var map = _maps.For(record, out var isNewHeader);

        // A record that stands for a whole file that could not be read has no header to check: its one reason says why.
        if (isNewHeader && (record.ReadProblem is null || record.Header.Count > 0))
        {
            foreach (var diagnostic in map.Diagnostics)
            {
                AddDiagnostic(diagnostic);
            }
        }

        var cells = record.Cells;
        if (map.NamelessColumns.Length > 0)
        {
            CheckNameless(record, map);
        }

        _reasons.Clear();
        var auditId = Clean(Cell(cells, map.Standard[(int)ColumnKind.AuditId]));
        if (record.ReadProblem is not null)
        {
            _reasons.Add(record.ReadProblem);
            return Reject(record, auditId);
        }

        _reasons.AddRange(map.RowReasons);
        if (record.SourceWarning is { } warning)
        {
            AddDiagnostic(warning);
        }

        _problemColumns = null;
        if (record.CellProblems is { } problems)
        {
            AddCellProblems(record, map, problems);
        }

        // Fixed columns. Identifying fields hold no control characters and no replacement character.
        Identifying(RequireText(auditId, ColumnKind.AuditId, map), ColumnKind.AuditId);
        var auditDate = ReadRequiredDate(record, map);
        var auditor = Identifying(RequireText(Clean(Cell(cells, map.Standard[(int)ColumnKind.Auditor])), ColumnKind.Auditor, map), ColumnKind.Auditor);
        var caseRef = Identifying(RequireText(Clean(Cell(cells, map.Standard[(int)ColumnKind.CaseRef])), ColumnKind.CaseRef, map), ColumnKind.CaseRef);
        var caseType = ReadCaseType(cells, map);
        var team = TeamSpelling(record, Identifying(RequireText(Clean(Cell(cells, map.Standard[(int)ColumnKind.Team])), ColumnKind.Team, map), ColumnKind.Team));
        var service = Identifying(Clean(Cell(cells, map.Standard[(int)ColumnKind.Service])), ColumnKind.Service);
        var practitioner = Identifying(Clean(Cell(cells, map.Standard[(int)ColumnKind.Practitioner])), ColumnKind.Practitioner);
        var overallGrade = Identifying(Clean(Cell(cells, map.Standard[(int)ColumnKind.OverallGrade])), ColumnKind.OverallGrade);
        var templateId = Identifying(Clean(Cell(cells, map.Standard[(int)ColumnKind.Template])), ColumnKind.Template);
        var moderates = Identifying(Clean(Cell(cells, map.Standard[(int)ColumnKind.Moderates])), ColumnKind.Moderates);
        if (moderates is not null)
        {
            ModerationRowsRead++;
            if (auditId is not null && string.Equals(moderates, auditId, StringComparison.OrdinalIgnoreCase))
            {
                _reasons.Add(Messages.Moderation.ModeratesItself(auditId));
            }
        }
        else if (auditId is not null && _storedModerations.Contains(auditId))
        {
            _reasons.Add(Messages.Moderation.ModeratesLeftOut(auditId, _storedWhere!));
        }

        if (templateId is not null && !string.Equals(templateId, _template.Id, StringComparison.OrdinalIgnoreCase))
        {
            _reasons.Add(Messages.Submissions.TemplateMismatch(templateId, _template.Id));
        }

        // Criteria: answers and comments.
        var criteria = _template.Criteria;
        var answers = new string?[criteria.Length];
        var comments = new string?[criteria.Length];
        for (var i = 0; i < criteria.Length; i++)
        {
            comments[i] = Clean(Cell(cells, map.Comments[i]));
            if (!_columns.TakesAnswer[i])
            {
                continue;
            }

            var column = map.Answers[i];
            var text = Clean(Cell(cells, column));
            if (text is null)
            {
                // A missing required column, or a cell that could not be read, is already a reason of its own.
                if (criteria[i].Required && !AllowsBlankRequired && column >= 0 && !Unreadable(column))
                {
                    _reasons.Add(Messages.Submissions.AnswerRequired(criteria[i].Id));
                }

                continue;
            }

            answers[i] = SubmissionValues.NormaliseAnswer(text);
            if (answers[i] is null)
            {
                _reasons.Add(Messages.Submissions.AnswerInvalid(criteria[i].Id, text));
            }
        }

        // Facts.
        var factDefinitions = _template.Facts;
        var facts = new Value[factDefinitions.Length];
        for (var j = 0; j < factDefinitions.Length; j++)
        {
            var column = map.Facts[j];
            var text = Clean(Cell(cells, column));
            if (text is null)
            {
                if (factDefinitions[j].Required && !AllowsBlankRequired && column >= 0 && !Unreadable(column))
                {
                    _reasons.Add(Messages.Submissions.ValueRequired(factDefinitions[j].Id));
                }

                continue;
            }

            facts[j] = ReadFact(record, factDefinitions[j], text);
        }

        // Repeated audit ids, across the batch.
        UInt128 hash = default;
        var hashed = false;
        if (auditId is not null)
        {
            if (_auditIds.TryGetFirst(auditId, out var first))
            {
                hash = _auditIds.Hash(record, map);
                hashed = true;
                _reasons.Add(hash == first.Hash
                    ? Messages.Submissions.DuplicateIdentical(first.Source, first.Row)
                    : Messages.Submissions.DuplicateDifferent(auditId, first.Source, first.Row));
            }
        }

        if (_reasons.Count > 0)
        {
            return Reject(record, auditId, team);
        }

        // No reasons: every required value above is set.
        if (!hashed)
        {
            hash = _auditIds.Hash(record, map);
        }

        _auditIds.Add(auditId!, hash, record.Source, record.Row, ModerationKeys.Of(caseRef!), ModerationKeys.Of(auditor!), moderates is not null);
        return ValidationResult.Accept(new Submission
        {
            AuditId = auditId!,
            AuditDate = auditDate,
            Auditor = auditor!,
            CaseRef = caseRef!,
            CaseType = caseType!,
            Team = team!,
            Service = service,
            Practitioner = practitioner,
            OverallGrade = overallGrade,
            Moderates = moderates,
            Answers = ImmutableCollectionsMarshal.AsImmutableArray(answers),
            Comments = ImmutableCollectionsMarshal.AsImmutableArray(comments),
            Facts = ImmutableCollectionsMarshal.AsImmutableArray(facts),
            Source = new RowRef(record.Source, record.Row),
        });
    }

    private ValidationResult Reject(RawRecord record, string? auditId, string? team = null) =>
        ValidationResult.Reject(new RejectedRow(record.Source, record.Row, auditId, [.. _reasons], team));

    /// <summary>Control characters (C0, DEL, C1), bidirectional overrides and U+FFFD: never allowed in an identifying field.</summary>
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0x202A, 5)).Concat(Enumerable.Range(0x2066, 4)).Append(0xFFFD).Select(c => (char)c)));

    /// <summary>Rejects (with the column, the character's code and its place) a value holding a forbidden character.</summary>
    private string? Identifying(string? value, ColumnKind kind)
    {
        if (value is null)
        {
            return null;
        }

        var at = value.AsSpan().IndexOfAny(Forbidden);
        if (at >= 0)
        {
            var column = TemplateColumns.StandardNames[(int)kind];
            _reasons.Add(value[at] == '\uFFFD'
                ? Messages.Submissions.ReplacementCharacter(column, at + 1)
                : Messages.Submissions.ControlCharacter(column, value[at], at + 1));
        }

        return value;
    }

    /// <summary>
    /// One team, however its name is spaced or capitalised: runs of white space become one space, and the first
    /// spelling read (in this run, or known from earlier runs: <see cref="AddKnownTeams"/>) is kept for every later one that
    /// differs only in case or spacing, with a warning
    /// (once per spelling) that says so.
    /// </summary>
    private string? TeamSpelling(RawRecord record, string? team)
    {
        if (team is null)
        {
            return null;
        }

        var spaced = NormaliseSpacing(team);
        if (_teamSpellings.TryGetValue(spaced, out var first))
        {
            if (!string.Equals(first.Spelling, team, StringComparison.Ordinal) && _teamVariantsWarned.Add(team))
            {
                AddDiagnostic(new Diagnostic(
                    Messages.Submissions.TeamSpellingCode,
                    Severity.Warning,
                    first.Row == 0
                        ? Messages.Submissions.TeamSpellingKnown(team, first.Spelling, record.Row, first.Source)
                        : Messages.Submissions.TeamSpelling(team, first.Spelling, record.Row, first.Source, first.Row),
                    SourceLocation.FileOnly(record.Source)));
            }

            return first.Spelling;
        }

        _teamSpellings.Add(spaced, (spaced, record.Source, record.Row));
        if (!string.Equals(spaced, team, StringComparison.Ordinal) && _teamVariantsWarned.Add(team))
        {
            AddDiagnostic(new Diagnostic(
                Messages.Submissions.TeamSpellingCode,
                Severity.Warning,
                Messages.Submissions.TeamSpacing(spaced, record.Row),
                SourceLocation.FileOnly(record.Source)));
        }

        return spaced;
    }

    private static string NormaliseSpacing(string text)
    {
        var needed = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i > 0 && char.IsWhiteSpace(text[i - 1]))))
            {
                needed = true;
                break;
            }
        }

        return needed ? string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : text;
    }

    /// <summary>The reader's problems with cells in columns the template reads: a reason each (cells of other columns are not needed).</summary>
    private void AddCellProblems(RawRecord record, HeaderMap map, IReadOnlyList<CellProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (map.IsRead(problem.Column))
            {
                (_problemColumns ??= []).Add(problem.Column);
                var name = problem.Column < record.Header.Count ? record.Header[problem.Column].Trim() : string.Empty;
                _reasons.Add($"{name}: {problem.Problem}");
            }
        }
    }

    /// <summary>True for a column whose cell in this row the reader could not read (its reason is given already).</summary>
    private bool Unreadable(int column) => _problemColumns is { } columns && columns.Contains(column);

    private string? RequireText(string? value, ColumnKind kind, HeaderMap map)
    {
        if (value is null && !map.StandardMissing[(int)kind] && !Unreadable(map.Standard[(int)kind]))
        {
            _reasons.Add(Messages.Submissions.ValueRequired(TemplateColumns.StandardNames[(int)kind]));
        }

        return value;
    }

    private DateOnly ReadRequiredDate(RawRecord record, HeaderMap map)
    {
        var text = RequireText(Clean(Cell(record.Cells, map.Standard[(int)ColumnKind.AuditDate])), ColumnKind.AuditDate, map);
        if (text is null)
        {
            return default;
        }

        var column = TemplateColumns.StandardNames[(int)ColumnKind.AuditDate];
        if (SubmissionValues.TryParseDate(text, out var date, out var monthFirst))
        {
            // Impossible dates are rejected (no due date could be worked out from them); implausible ones are warned about.
            if (date < EarliestAuditDate || date > LatestDate)
            {
                _reasons.Add(Messages.Submissions.DateOutOfRange(column, text, EarliestAuditDate.Year, LatestDate.Year));
                return default;
            }

            WarnIfImplausible(record, date);
            _dayMonth.AuditDate(record.Source, record.Row, text, date);
            return date;
        }

        if (monthFirst)
        {
            _dayMonth.MonthFirst(record.Source, record.Row, column, text);
        }

        _reasons.Add(monthFirst ? Messages.Submissions.MonthFirstDate(column, text) : Messages.Submissions.NotADate(column, text));
        return default;
    }

    private string? ReadCaseType(string?[] cells, HeaderMap map)
    {
        var text = RequireText(Clean(Cell(cells, map.Standard[(int)ColumnKind.CaseType])), ColumnKind.CaseType, map);
        if (text is null)
        {
            return null;
        }

        foreach (var caseType in _columns.CaseTypes)
        {
            if (string.Equals(caseType, text, StringComparison.OrdinalIgnoreCase))
            {
                return caseType;
            }
        }

        _reasons.Add(Messages.Submissions.UnknownCaseType(text, _columns.CaseTypes));
        return null;
    }

    private Value ReadFact(RawRecord record, FactDefinition fact, string text)
    {
        switch (fact.Type)
        {
            case FactType.Number:
                if (SubmissionValues.TryParseNumber(text, out var number))
                {
                    return Value.FromNumber(number);
                }

                _reasons.Add(Messages.Submissions.NotANumber(fact.Id, text));
                return Value.Missing;
            case FactType.Date:
                if (SubmissionValues.TryParseDate(text, out var date, out var monthFirst))
                {
                    if (date < EarliestDate || date > LatestDate)
                    {
                        _reasons.Add(Messages.Submissions.DateOutOfRange(fact.Id, text, EarliestDate.Year, LatestDate.Year));
                        return Value.Missing;
                    }

                    _dayMonth.FactDate(record.Source, record.Row, fact.Id, text, date);
                    return Value.FromDate(date);
                }

                if (monthFirst)
                {
                    _dayMonth.MonthFirst(record.Source, record.Row, fact.Id, text);
                }

                _reasons.Add(monthFirst ? Messages.Submissions.MonthFirstDate(fact.Id, text) : Messages.Submissions.NotADate(fact.Id, text));
                return Value.Missing;
            case FactType.Bool:
                if (SubmissionValues.TryParseBool(text, out var flag))
                {
                    return Value.FromBool(flag);
                }

                _reasons.Add(Messages.Submissions.NotABool(fact.Id, text));
                return Value.Missing;
            case FactType.Choice:
                foreach (var choice in fact.Choices)
                {
                    if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return Value.FromText(choice);
                    }
                }

                _reasons.Add(Messages.Submissions.NotAChoice(fact.Id, text, fact.Choices));
                return Value.Missing;
            default:
                return Value.FromText(text);
        }
    }

    private void CheckNameless(RawRecord record, HeaderMap map)
    {
        foreach (var column in map.NamelessColumns)
        {
            if (Clean(Cell(record.Cells, column)) is not null)
            {
                AddDiagnostic(new Diagnostic(
                    Messages.Submissions.NamelessColumnCode,
                    Severity.Warning,
                    Messages.Submissions.NamelessColumnDiagnostic(column + 1),
                    SourceLocation.FileOnly(record.Source)));
            }
        }
    }

    /// <summary>Warns, once per source, about the first audit date after the as-of date and the first one years before it.</summary>
    private void WarnIfImplausible(RawRecord record, DateOnly date)
    {
        if (AsOf is not { } asOf)
        {
            return;
        }

        var location = SourceLocation.FileOnly(record.Source);
        if (date > asOf && _futureWarned.Add(record.Source))
        {
            AddDiagnostic(new Diagnostic(Messages.Submissions.ImplausibleDateCode, Severity.Warning, Messages.Submissions.AuditDateAfterAsOf(record.Row, date, asOf), location));
        }
        else if (date < asOf.AddYears(-OldAuditYears) && _oldWarned.Add(record.Source))
        {
            AddDiagnostic(new Diagnostic(Messages.Submissions.ImplausibleDateCode, Severity.Warning, Messages.Submissions.AuditDateYearsBeforeAsOf(record.Row, date, asOf, OldAuditYears), location));
        }
    }

    private void AddDiagnostic(Diagnostic diagnostic)
    {
        if (_diagnosticSet.Add(diagnostic))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    private static string? Cell(string?[] cells, int column) =>
        column >= 0 && column < cells.Length ? cells[column] : null;

    /// <summary>Trimmed text, or null when blank. Trimming allocates only when there is whitespace to remove.</summary>
    private static string? Clean(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return null;
        }

        if (!char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]))
        {
            return text;
        }

        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
