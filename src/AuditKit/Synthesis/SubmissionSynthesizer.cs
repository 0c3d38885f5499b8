using System.Globalization;
using AuditKit.Templates;

namespace AuditKit.Synthesis;

/// <summary>
/// Writes realistic, clearly fictional audit submissions for a template as CSV (contract 2 columns), for
/// demonstrations, samples and benchmarks. Rows are made and written one at a time, so any number can be written
/// without holding them; the same template, options and seed always give the same bytes.
/// </summary>
/// <remarks>
/// Teams differ in quality and improve or slip month by month; answers follow the team's quality that month;
/// the auditor's overall grade follows the case's answers with some disagreement. Required columns, answers and
/// facts are never blank, so every row validates unless <see cref="SynthesisOptions.BrokenRows"/> asks for broken ones.
/// </remarks>
public sealed class SubmissionSynthesizer
{
    /// <summary>The grade names written to <c>overall_grade</c>, best first.</summary>
    public static IReadOnlyList<string> GradeNames { get; } = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

    /// <summary>The fixed columns, in order, before the criterion and fact columns.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
    [
        "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "template", "overall_grade",
    ];

    /// <summary>The header of the file <see cref="Write"/> makes for <paramref name="template"/>, in order.</summary>
    public static IReadOnlyList<string> Columns(AuditTemplate template, SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        var columns = new List<string>(FixedColumns);
        foreach (var criterion in template.Criteria.Where(c => c.TakesAnswer()))
        {
            columns.Add(criterion.Id);
            if (options.CommentShare > 0)
            {
                columns.Add(criterion.Id + "_comment");
            }
        }

        columns.AddRange(template.Facts.Select(f => f.Id));
        return columns;
    }

    /// <summary>Writes the header and <see cref="SynthesisOptions.Count"/> rows to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The options have problems (see <see cref="SynthesisOptions.Problems"/>), or the template accepts no case types.</exception>
    public void Write(AuditTemplate template, SynthesisOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        if (template.AppliesTo.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"Template '{template.Id}' accepts no case types.", nameof(template));
        }

        var row = new CsvRowBuffer();
        foreach (var column in Columns(template, options))
        {
            row.Add(CsvRowBuffer.Cell(column));
        }

        row.WriteTo(output);
        var generator = new RowGenerator(template, options);
        for (var i = 0; i < options.Count; i++)
        {
            generator.Write(i, row);
            row.WriteTo(output);
        }
    }

    private enum Answer : byte
    {
        Blank,
        Yes,
        Partly,
        No,
        NotApplicable,
        Unknown,
    }

    private enum Broken
    {
        None,
        BadDate,
        UnknownAnswer,
        BlankRequiredAnswer,
        UnknownCaseType,
        DuplicateAuditId,
    }

    /// <summary>Everything fixed for one file (organisation, calendar, plans) and the few counters rows share.</summary>
    private sealed class RowGenerator
    {
        private static readonly string[] AnswerCells = ["", "Yes", "Partly", "No", "N/A", "Maybe"];
        private static readonly string[] CandidateCaseTypes = ["EH", "CIN", "CP", "LAC", "CLA", "PLO", "UASC", "XX"];

        private static readonly string[] CommentTexts =
        [
            "Not evidenced on the file.",
            "Recorded, but out of date.",
            "Discussed with the team manager.",
            "Partly recorded; no analysis.",
            "Seen at the last visit, not recorded since.",
            "Plan not updated after the review.",
            "Views recorded, but not in the child's words.",
            "Needs a clearer, time-bound plan.",
        ];

        private readonly SynthesisOptions _options;
        private readonly double _partlyWeight;
        private readonly SynthRandom _random;
        private readonly SyntheticOrganisation _organisation;
        private readonly double[] _teamCumulative;
        private readonly double[][] _caseTypeCumulative;
        private readonly string[] _caseTypeCells;
        private readonly string _unknownCaseTypeCell;
        private readonly string[] _teamCells;
        private readonly string[] _serviceCells;
        private readonly string[][] _managerCells;
        private readonly string[][] _practitionerCells;
        private readonly string[] _officerCells;
        private readonly string _templateCell;
        private readonly string[] _gradeCells;
        private readonly string[] _commentCells;
        private readonly DateOnly[] _workingDays;
        private readonly int[] _monthOfDay;
        private readonly string[] _auditIdPrefixes;
        private readonly int[] _monthCounters;
        private readonly CriterionDefinition[] _criteria;
        private readonly double[] _criterionOffset;
        private readonly double[] _notApplicableShare;
        private readonly int[] _requiredAnswerIndexes;
        private readonly FactPlan[] _facts;
        private readonly FactPlan[] _orderedDates;
        private readonly Answer[] _answers;
        private readonly int[] _commentChoice;
        private readonly int[] _factValue;
        private readonly bool[] _factBlank;
        private readonly int[] _offsets;
        private readonly bool _comments;
        private int _lastMonth = -1;
        private int _lastCounter;
        private int _brokenSeen;
        private long _nextBroken;

        public RowGenerator(AuditTemplate template, SynthesisOptions options)
        {
            _options = options;
            _partlyWeight = template.Scoring.PartlyWeight;
            _random = new SynthRandom(options.Seed, 0);
            _organisation = SyntheticOrganisation.Create(options.Teams, options.Seed);
            var teams = _organisation.Teams;

            _teamCumulative = Cumulate(teams.Select(t => t.Weight));
            _caseTypeCells = [.. template.AppliesTo.Select(CsvRowBuffer.Cell)];
            _caseTypeCumulative = [.. teams.Select(t => Cumulate(template.AppliesTo.Select(c => CaseTypeWeight(c, t.Service))))];
            _unknownCaseTypeCell = CsvRowBuffer.Cell(
                CandidateCaseTypes.First(c => !template.AppliesTo.Contains(c, StringComparer.OrdinalIgnoreCase) || c == "XX"));
            _teamCells = [.. teams.Select(t => CsvRowBuffer.Cell(t.Name))];
            _serviceCells = [.. teams.Select(t => CsvRowBuffer.Cell(t.Service))];
            _managerCells = [.. teams.Select(t => t.Managers.Select(CsvRowBuffer.Cell).ToArray())];
            _practitionerCells = [.. teams.Select(t => t.Practitioners.Select(CsvRowBuffer.Cell).ToArray())];
            _officerCells = [.. _organisation.QualityOfficers.Select(CsvRowBuffer.Cell)];
            _templateCell = CsvRowBuffer.Cell(template.Id);
            _gradeCells = [.. GradeNames.Select(CsvRowBuffer.Cell)];
            _commentCells = [.. CommentTexts.Select(CsvRowBuffer.Cell)];
            _comments = options.CommentShare > 0;

            // Working days (Monday to Friday) of the months asked for, in order.
            var end = new DateOnly(options.EndMonth.Year, options.EndMonth.Month, 1);
            var start = end.AddMonths(-(options.Months - 1));
            var days = new List<DateOnly>();
            var months = new List<int>();
            for (var day = start; day <= end.AddMonths(1).AddDays(-1); day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    days.Add(day);
                    months.Add(((day.Year - start.Year) * 12) + day.Month - start.Month);
                }
            }

            _workingDays = [.. days];
            _monthOfDay = [.. months];
            _auditIdPrefixes = [.. Enumerable.Range(0, options.Months).Select(m => start.AddMonths(m))
                .Select(d => string.Create(CultureInfo.InvariantCulture, $"QA-{d.Year:D4}-{d.Month:D2}-"))];
            _monthCounters = new int[options.Months];

            // Criteria: some are harder than others; critical ones are met a little more often.
            _criteria = [.. template.Criteria.Where(c => c.TakesAnswer())];
            _criterionOffset = new double[_criteria.Length];
            _notApplicableShare = new double[_criteria.Length];
            for (var j = 0; j < _criteria.Length; j++)
            {
                _criterionOffset[j] = _random.Between(-0.12, 0.06) + (_criteria[j].Critical ? 0.08 : 0.0);
                _notApplicableShare[j] = _criteria[j].AppliesWhen is not null ? 0.2 : 0.01;
            }

            _requiredAnswerIndexes = [.. Enumerable.Range(0, _criteria.Length).Where(j => _criteria[j].Required)];

            var people = teams.SelectMany(t => t.Practitioners).ToArray();
            _facts = [.. template.Facts.Select((f, i) => FactPlan.For(i, f, CsvRowBuffer.Cell, people))];
            _orderedDates = [.. _facts.Where(f => f.Kind == FactValueKind.OrderedDate).OrderBy(f => f.Stage).ThenBy(f => f.Index)];

            _answers = new Answer[_criteria.Length];
            _commentChoice = new int[_criteria.Length];
            _factValue = new int[_facts.Length];
            _factBlank = new bool[_facts.Length];
            _offsets = new int[_orderedDates.Length];
            _nextBroken = NextBrokenRow(0);
        }

        public void Write(int index, CsvRowBuffer row)
        {
            var random = _random;
            random.Reset(_options.Seed, (ulong)index + 1);
            var broken = BrokenKind(index);

            var dayIndex = (int)((long)index * _workingDays.Length / _options.Count);
            var auditDate = _workingDays[dayIndex];
            var month = _monthOfDay[dayIndex];
            var team = random.PickWeighted(_teamCumulative);
            var teamModel = _organisation.Teams[team];
            var caseType = random.PickWeighted(_caseTypeCumulative[team]);
            var auditor = random.Chance(0.75)
                ? _managerCells[team][random.Chance(0.6) ? 0 : 1]
                : random.Pick(_officerCells);
            var practitioner = random.Pick(_practitionerCells[team]);
            var caseNumber = random.Between(100000, 999999);
            var blankService = random.Chance(_options.BlankShare);
            var blankPractitioner = random.Chance(_options.BlankShare);
            var blankTemplate = random.Chance(_options.BlankShare);
            var blankGrade = random.Chance(_options.BlankShare);

            var grade = AnswerCase(random, teamModel.QualityIn(month));
            MakeFacts(random);

            // Deliberate faults come last, so that the rest of the row is what it would have been.
            var badDate = false;
            var unknownCaseType = false;
            var blankAuditor = false;
            switch (broken)
            {
                case Broken.BadDate:
                    badDate = true;
                    break;
                case Broken.UnknownAnswer when _criteria.Length > 0:
                    _answers[random.Next(_criteria.Length)] = Answer.Unknown;
                    break;
                case Broken.UnknownAnswer:
                    badDate = true;
                    break;
                case Broken.BlankRequiredAnswer when _requiredAnswerIndexes.Length > 0:
                    _answers[_requiredAnswerIndexes[random.Next(_requiredAnswerIndexes.Length)]] = Answer.Blank;
                    break;
                case Broken.BlankRequiredAnswer:
                    blankAuditor = true;
                    break;
                case Broken.UnknownCaseType:
                    unknownCaseType = true;
                    break;
            }

            // audit_id: a new number within its month, or the previous row's id for a duplicate.
            if (broken == Broken.DuplicateAuditId && _lastMonth >= 0)
            {
                row.Add(_auditIdPrefixes[_lastMonth], _lastCounter, "D5");
            }
            else
            {
                _lastMonth = month;
                _lastCounter = ++_monthCounters[month];
                row.Add(_auditIdPrefixes[month], _lastCounter, "D5");
            }

            if (badDate)
            {
                row.Add(string.Create(CultureInfo.InvariantCulture, $"31/02/{auditDate.Year:D4}"));
            }
            else
            {
                row.Add(auditDate);
            }

            AddOrBlank(row, auditor, blankAuditor);
            row.Add("C-", caseNumber, "D6");
            row.Add(unknownCaseType ? _unknownCaseTypeCell : _caseTypeCells[caseType]);
            row.Add(_teamCells[team]);
            AddOrBlank(row, _serviceCells[team], blankService);
            AddOrBlank(row, practitioner, blankPractitioner);
            AddOrBlank(row, _templateCell, blankTemplate);
            AddOrBlank(row, grade < 0 ? string.Empty : _gradeCells[grade], blankGrade || grade < 0);

            for (var j = 0; j < _criteria.Length; j++)
            {
                row.Add(AnswerCells[(int)_answers[j]]);
                if (_comments)
                {
                    AddOrBlank(row, _commentChoice[j] < 0 ? string.Empty : _commentCells[_commentChoice[j]], _commentChoice[j] < 0);
                }
            }

            for (var k = 0; k < _facts.Length; k++)
            {
                WriteFact(row, _facts[k], auditDate, practitioner);
            }
        }

        /// <summary>Answers every criterion for one case and returns the auditor's grade (index into <see cref="GradeNames"/>), or -1 when nothing was judged.</summary>
        private int AnswerCase(SynthRandom random, double teamQuality)
        {
            // Cases within a team vary around the team's quality.
            var caseQuality = teamQuality + (0.08 * random.NextRoughNormal());
            int yes = 0, partly = 0, no = 0, criticalNo = 0;
            for (var j = 0; j < _criteria.Length; j++)
            {
                var criterion = _criteria[j];
                Answer answer;
                if (!criterion.Required && random.Chance(_options.BlankShare))
                {
                    answer = Answer.Blank;
                }
                else if (random.Chance(_notApplicableShare[j]))
                {
                    answer = Answer.NotApplicable;
                }
                else
                {
                    var p = Math.Clamp(caseQuality + _criterionOffset[j], 0.03, 0.99);
                    var u = random.NextDouble();
                    answer = u < p ? Answer.Yes : u < p + ((1 - p) * 0.45) ? Answer.Partly : Answer.No;
                }

                _answers[j] = answer;
                switch (answer)
                {
                    case Answer.Yes:
                        yes++;
                        break;
                    case Answer.Partly:
                        partly++;
                        break;
                    case Answer.No:
                        no++;
                        criticalNo += criterion.Critical ? 1 : 0;
                        break;
                }

                _commentChoice[j] = -1;
                if (_comments)
                {
                    var share = answer is Answer.Partly or Answer.No ? _options.CommentShare : _options.CommentShare * 0.1;
                    if (answer != Answer.Blank && random.Chance(share))
                    {
                        _commentChoice[j] = random.Next(_commentCells.Length);
                    }
                }
            }

            var judged = yes + partly + no;
            if (judged == 0)
            {
                return -1;
            }

            var score = (yes + (_partlyWeight * partly)) / judged;
            var grade = criticalNo > 0 ? 3 : score >= 0.95 ? 0 : score >= 0.80 ? 1 : score >= 0.5 ? 2 : 3;

            // Auditors sometimes disagree with the scores, more often generously.
            var u2 = random.NextDouble();
            if (u2 < 0.10)
            {
                grade = Math.Max(0, grade - 1);
            }
            else if (u2 < 0.15)
            {
                grade = Math.Min(3, grade + 1);
            }

            return grade;
        }

        private void MakeFacts(SynthRandom random)
        {
            // Ordered dates: draw the day offsets, then give the earliest to the referral-like facts.
            for (var k = 0; k < _offsets.Length; k++)
            {
                _offsets[k] = random.Between(0, 90);
            }

            Array.Sort(_offsets);
            Array.Reverse(_offsets);
            for (var k = 0; k < _orderedDates.Length; k++)
            {
                _factValue[_orderedDates[k].Index] = _offsets[k];
            }

            for (var k = 0; k < _facts.Length; k++)
            {
                var fact = _facts[k];
                _factBlank[k] = !fact.Definition.Required && random.Chance(_options.BlankShare);
                _factValue[k] = fact.Kind switch
                {
                    FactValueKind.OrderedDate => _factValue[k],
                    FactValueKind.CaseWorker => 0,
                    FactValueKind.RecentDate or FactValueKind.Number => random.Between(fact.Min, fact.Max),
                    _ => random.PickWeighted(fact.Cumulative),
                };
            }
        }

        private void WriteFact(CsvRowBuffer row, FactPlan fact, DateOnly auditDate, string practitioner)
        {
            if (_factBlank[fact.Index])
            {
                row.AddBlank();
                return;
            }

            var value = _factValue[fact.Index];
            switch (fact.Kind)
            {
                case FactValueKind.OrderedDate or FactValueKind.RecentDate:
                    row.Add(auditDate.AddDays(-value));
                    break;
                case FactValueKind.Number:
                    row.Add(value);
                    break;
                case FactValueKind.CaseWorker:
                    row.Add(practitioner);
                    break;
                default:
                    row.Add(fact.Cells[value]);
                    break;
            }
        }

        private Broken BrokenKind(int index)
        {
            if (index != _nextBroken)
            {
                return Broken.None;
            }

            var kind = (Broken)(1 + (_brokenSeen % 5));
            _brokenSeen++;
            _nextBroken = NextBrokenRow(_brokenSeen);
            return kind;
        }

        /// <summary>Broken rows sit evenly through the file: row (k + 1) x Count / (BrokenRows + 1) for k = 0, 1, ...</summary>
        private long NextBrokenRow(int k) =>
            k < _options.BrokenRows ? (k + 1L) * _options.Count / (_options.BrokenRows + 1L) : -1;

        private static void AddOrBlank(CsvRowBuffer row, string cell, bool blank)
        {
            if (blank)
            {
                row.AddBlank();
            }
            else
            {
                row.Add(cell);
            }
        }

        private static double CaseTypeWeight(string caseType, string service)
        {
            var type = caseType.ToUpperInvariant();
            var inCare = type is "LAC" or "CLA" or "CIC" or "CLA/LAC";
            var weight = type switch
            {
                "CIN" => 0.45,
                "CP" or "CPP" => 0.30,
                _ when inCare => 0.25,
                _ => 0.15,
            };
            return service switch
            {
                "Children in Care" => inCare ? weight * 8 : weight * 0.3,
                "Safeguarding" => type is "CP" or "CPP" ? weight * 1.8 : inCare ? weight * 0.3 : weight,
                "Early Help and Family Support" => type == "CIN" ? weight * 2 : inCare ? weight * 0.3 : weight,
                "Children with Disabilities" => type == "CIN" ? weight * 2 : weight,
                _ => weight,
            };
        }

        private static double[] Cumulate(IEnumerable<double> weights)
        {
            var total = 0.0;
            return [.. weights.Select(w => total += w)];
        }
    }
}
