using AuditKit.Collections;
using AuditKit.Evaluation;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.FollowUps;

/// <summary>
/// A run's case actions, planned (ids, owners, due dates) and in report order: by due date, team, case reference,
/// criterion and id. A run can raise millions, so they are held compactly: the audit ids and case references in a
/// <see cref="TextArena"/>, each rule's shared parts once, and each action's text filled in only when it is read.
/// </summary>
/// <remarks>Built by one thread with <see cref="Builder"/>; once built, read by any.</remarks>
public sealed class CaseActions
{
    private readonly TextArena _texts;
    private readonly Subject[] _subjects;
    private readonly Entry[] _entries;
    private readonly Rule[] _rules;
    private readonly (string Owner, string? EscalateTo)[] _owners;

    /// <summary>The audit day of an action added as a record (which does not carry its audit's date).</summary>
    private const int UnknownDay = int.MinValue;

    private CaseActions(TextArena texts, Subject[] subjects, Entry[] entries, Rule[] rules, (string, string?)[] owners)
    {
        _texts = texts;
        _subjects = subjects;
        _entries = entries;
        _rules = rules;
        _owners = owners;
    }

    /// <summary>No case actions.</summary>
    public static CaseActions None { get; } = new Builder("none", null).Build();

    public int Count => _entries.Length;

    /// <summary>Case action <paramref name="index"/> (0 to <see cref="Count"/> - 1), as a view of what is held.</summary>
    public CaseAction this[int index]
    {
        get
        {
            var entry = _entries[index];
            var subject = _subjects[entry.Subject];
            var (owner, escalateTo) = _owners[entry.Owners];
            DateOnly? auditDate = subject.AuditDay == UnknownDay ? null : DateOnly.FromDayNumber(subject.AuditDay);
            return new CaseAction(entry.Id, _rules[entry.Rule], subject.Team, _texts[subject.AuditId], _texts[subject.CaseRef], owner, escalateTo, DateOnly.FromDayNumber(entry.DueDay), auditDate);
        }
    }

    /// <summary>The ids of every case action, in order.</summary>
    public IEnumerable<ActionId> Ids => _entries.Select(e => e.Id);

    /// <summary>Each case action built as a record of its own, in order: for writers that take actions one at a time.</summary>
    public IEnumerable<FollowUpAction> ToFollowUpActions()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i].ToFollowUpAction();
        }
    }

    /// <summary>Plans case actions as they are raised, then sorts them.</summary>
    public sealed class Builder
    {
        private readonly string _templateId;
        private readonly TeamDirectory? _directory;
        private readonly TextArena _texts = new();
        private readonly ChunkedList<Subject> _subjects = new();
        private readonly ChunkedList<Entry> _entries = new();
        private readonly List<Rule> _rules = [];
        private readonly Dictionary<CaseActionRule, Rule> _compiledRules = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<(string Owner, string? EscalateTo), int> _ownerNumbers = [];
        private readonly List<(string Owner, string? EscalateTo)> _owners = [];
        private readonly NamePool _names = new();

        /// <param name="templateId">The template the actions' ids are made with.</param>
        /// <param name="directory">Names the managing roles; null leaves them as roles.</param>
        public Builder(string templateId, TeamDirectory? directory)
        {
            ArgumentNullException.ThrowIfNull(templateId);
            _templateId = templateId;
            _directory = directory;
        }

        /// <summary>Plans the actions <paramref name="raised"/> for <paramref name="submission"/>: each gets its id, owners and due date.</summary>
        public void Add(Submission submission, IReadOnlyList<RaisedCaseAction> raised)
        {
            ArgumentNullException.ThrowIfNull(submission);
            ArgumentNullException.ThrowIfNull(raised);
            if (raised.Count == 0)
            {
                return;
            }

            var team = _names.Shared(submission.Team);
            var practitioner = submission.Practitioner is { } p ? _names.Shared(p) : null;
            var auditor = _names.Shared(submission.Auditor);
            var subject = AddSubject(submission.AuditId, submission.CaseRef, team, submission.AuditDate.DayNumber);
            foreach (var (compiled, due) in raised)
            {
                if (!_compiledRules.TryGetValue(compiled, out var rule))
                {
                    rule = RuleFor(compiled.RuleKey, compiled.Criterion, compiled.Text, compiled.Target, compiled.ReauditWithinWorkingDays);
                    _compiledRules.Add(compiled, rule);
                }

                var (id, owner, escalateTo) = Plan(_templateId, compiled, team, submission.AuditId, practitioner, auditor, _directory);
                _entries.Add(new Entry(id, subject, rule.Number, due.DayNumber, OwnersNumber(owner, escalateTo)));
            }
        }

        /// <summary>The id and owners of the action <paramref name="rule"/> raises for an audit.</summary>
        internal static (ActionId Id, string Owner, string? EscalateTo) Plan(
            string templateId, CaseActionRule rule, string team, string auditId, string? practitioner, string? auditor, TeamDirectory? directory) =>
            (ActionId.Create(templateId, rule.RuleKey, team, auditId, rule.Criterion),
                OwnerResolver.Resolve(rule.Owner, team, practitioner, auditor, directory),
                rule.EscalateTo is { } role ? OwnerResolver.Resolve(role, team, practitioner, auditor, directory) : null);

        /// <summary>Adds a case action planned already (its text and owners as they are).</summary>
        public void Add(FollowUpAction action)
        {
            ArgumentNullException.ThrowIfNull(action);
            if (action.Scope != ActionScope.Case || !ActionId.TryParse(action.Id, out var id))
            {
                throw new ArgumentException($"Action '{action.Id}' is not a case action with a full id.", nameof(action));
            }

            var team = _names.Shared(action.Team ?? string.Empty);
            var subject = AddSubject(action.AuditId ?? string.Empty, action.CaseRef ?? string.Empty, team, UnknownDay);
            var rule = RuleFor(action.RuleKey, action.Criterion, ActionTextParts.Literal(action.Text), action.Target, action.ReauditWithinWorkingDays);
            _entries.Add(new Entry(id, subject, rule.Number, action.Due.DayNumber, OwnersNumber(action.Owner, action.EscalateTo)));
        }

        /// <summary>The actions in report order.</summary>
        public CaseActions Build()
        {
            var subjects = _subjects.ToArray();
            var entries = _entries.ToArray();
            var rules = _rules.ToArray();
            Sort(entries, SubjectRanks(_texts, subjects), CriterionRanks(rules));
            return new CaseActions(_texts, subjects, entries, rules, [.. _owners]);
        }

        private int AddSubject(string auditId, string caseRef, string team, int auditDay)
        {
            _subjects.Add(new Subject(_texts.Add(auditId), _texts.Add(caseRef), team, auditDay));
            return _subjects.Count - 1;
        }

        /// <summary>A new rule: one for each compiled rule, or for each action added as a record (its text is its own).</summary>
        private Rule RuleFor(string ruleKey, string? criterion, ActionTextParts text, double? target, int? reauditDays)
        {
            var rule = new Rule(_rules.Count, ruleKey, criterion, text, target, reauditDays);
            _rules.Add(rule);
            return rule;
        }

        private int OwnersNumber(string owner, string? escalateTo)
        {
            if (!_ownerNumbers.TryGetValue((owner, escalateTo), out var number))
            {
                number = _owners.Count;
                _owners.Add((owner, escalateTo));
                _ownerNumbers.Add((owner, escalateTo), number);
            }

            return number;
        }

        /// <summary>
        /// Sorts by due date, team and case reference (the subject's rank), criterion (the rule's rank), then id. The
        /// first three are packed into one number per action, so that the sort compares numbers; only actions with
        /// equal numbers (a case audited twice with the same date) are compared by id.
        /// </summary>
        private static void Sort(Entry[] entries, int[] subjectRanks, int[] criterionRanks)
        {
            if (entries.Length == 0)
            {
                return;
            }

            var firstDue = entries.Min(e => e.DueDay);
            var dueBits = BitsFor(entries.Max(e => e.DueDay) - firstDue);
            var subjectBits = BitsFor(subjectRanks.Length == 0 ? 0 : subjectRanks.Max());
            var criterionBits = BitsFor(criterionRanks.Max());
            if (dueBits + subjectBits + criterionBits > 64)
            {
                // Far beyond any real run: compare in full.
                Array.Sort(entries, (a, b) => Compare(a, b, subjectRanks, criterionRanks));
                return;
            }

            var keys = new ulong[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                var e = entries[i];
                keys[i] = ((ulong)(uint)(e.DueDay - firstDue) << (subjectBits + criterionBits))
                    | ((ulong)(uint)subjectRanks[e.Subject] << criterionBits)
                    | (uint)criterionRanks[e.Rule];
            }

            Array.Sort(keys, entries);
            for (var start = 0; start < keys.Length;)
            {
                var end = start + 1;
                while (end < keys.Length && keys[end] == keys[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    Array.Sort(entries, start, end - start, Comparer<Entry>.Create((a, b) => Compare(a, b, subjectRanks, criterionRanks)));
                }

                start = end;
            }
        }

        private static int Compare(Entry a, Entry b, int[] subjectRanks, int[] criterionRanks)
        {
            var c = a.DueDay.CompareTo(b.DueDay);
            if (c == 0)
            {
                c = subjectRanks[a.Subject].CompareTo(subjectRanks[b.Subject]);
            }

            if (c == 0)
            {
                c = criterionRanks[a.Rule].CompareTo(criterionRanks[b.Rule]);
            }

            // Equal ids are the same action (the same rule, team, audit and criterion), written the same: no further tie.
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        }

        /// <summary>How many bits hold 0..<paramref name="largest"/>.</summary>
        private static int BitsFor(int largest) => largest <= 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)largest);

        /// <summary>Each subject's rank by team, then case reference (ordinal; equal pairs equal).</summary>
        private static int[] SubjectRanks(TextArena texts, Subject[] subjects)
        {
            var byTeam = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < subjects.Length; i++)
            {
                if (!byTeam.TryGetValue(subjects[i].Team, out var members))
                {
                    byTeam.Add(subjects[i].Team, members = []);
                }

                members.Add(i);
            }

            var ranks = new int[subjects.Length];
            var rank = -1;
            foreach (var team in byTeam.Keys.Order(StringComparer.Ordinal))
            {
                var members = byTeam[team].ToArray();
                var caseRefs = members.Select(m => texts.ToString(subjects[m].CaseRef)).ToArray();
                Array.Sort(caseRefs, members, StringComparer.Ordinal);
                for (var i = 0; i < members.Length; i++)
                {
                    if (i == 0 || !string.Equals(caseRefs[i], caseRefs[i - 1], StringComparison.Ordinal))
                    {
                        rank++;
                    }

                    ranks[members[i]] = rank;
                }
            }

            return ranks;
        }

        /// <summary>Each rule's rank by criterion id (ordinal; rules without a criterion first, equal ids equal).</summary>
        private static int[] CriterionRanks(Rule[] rules)
        {
            var criteria = rules.Select(r => r.Criterion).Distinct().Order(StringComparer.Ordinal).ToList();
            return [.. rules.Select(r => criteria.IndexOf(r.Criterion))];
        }
    }

    /// <summary>The audit a case action is about.</summary>
    /// <param name="AuditDay">The audit date's day number, or <see cref="UnknownDay"/> for an action added as a record.</param>
    private readonly record struct Subject(ArenaText AuditId, ArenaText CaseRef, string Team, int AuditDay);

    /// <summary>One planned case action: 32 bytes (a run may hold millions).</summary>
    private readonly record struct Entry(ActionId Id, int Subject, int Rule, int DueDay, int Owners);

    /// <summary>What the actions of one rule share.</summary>
    internal sealed record Rule(int Number, string RuleKey, string? Criterion, ActionTextParts Text, double? Target, int? ReauditWithinWorkingDays);
}

/// <summary>One planned case action, as a view of what <see cref="CaseActions"/> holds: read it, do not keep it.</summary>
public readonly ref struct CaseAction
{
    private readonly CaseActions.Rule _rule;

    internal CaseAction(ActionId id, CaseActions.Rule rule, string team, ReadOnlySpan<char> auditId, ReadOnlySpan<char> caseRef, string owner, string? escalateTo, DateOnly due, DateOnly? auditDate)
    {
        AuditDate = auditDate;
        Id = id;
        _rule = rule;
        Team = team;
        AuditId = auditId;
        CaseRef = caseRef;
        Owner = owner;
        EscalateTo = escalateTo;
        Due = due;
    }

    public ActionId Id { get; }

    public string Team { get; }

    public ReadOnlySpan<char> AuditId { get; }

    public ReadOnlySpan<char> CaseRef { get; }

    public string? Criterion => _rule.Criterion;

    public string RuleKey => _rule.RuleKey;

    public double? Target => _rule.Target;

    public string Owner { get; }

    public string? EscalateTo { get; }

    public DateOnly Due { get; }

    /// <summary>The date of the audit that raised it (case actions fall due from it); null for an action added as a record.</summary>
    public DateOnly? AuditDate { get; }

    /// <summary>Writes the action's text into <paramref name="buffer"/> (grown when too small) and returns its length.</summary>
    public int FillText(ref char[] buffer) => _rule.Text.Fill(ref buffer, Team, CaseRef);

    /// <summary>This action as a record of its own.</summary>
    public FollowUpAction ToFollowUpAction()
    {
        var caseRef = new string(CaseRef);
        return new FollowUpAction(
            Id.ToString(),
            ActionScope.Case,
            Team,
            caseRef,
            Criterion,
            _rule.Text.Render(Team, caseRef),
            Owner,
            Due,
            EscalateTo,
            RuleKey,
            AuditId: new string(AuditId),
            Target: Target)
        {
            ReauditWithinWorkingDays = _rule.ReauditWithinWorkingDays,
        };
    }
}
