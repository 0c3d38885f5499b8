using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AuditKit.Collections;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Runs;

/// <summary>
/// The audit a case action is about: what its text, id and owners are built from. Its audit id and case reference
/// are kept in the <see cref="CaseActionSubjects"/> it belongs to.
/// </summary>
internal readonly record struct CaseActionSubject(ArenaText AuditId, ArenaText CaseRef, string Team, string? Practitioner, string? Auditor);

/// <summary>
/// The audits a run's case actions are about, numbered in the order added. A run keeps one for each audit that
/// raised an action, so their audit ids and case references are kept in a <see cref="TextArena"/> rather than as
/// strings; pass team and people's names in one instance each.
/// </summary>
internal sealed class CaseActionSubjects
{
    private readonly TextArena _texts = new();
    private readonly ChunkedList<CaseActionSubject> _subjects = new();

    public int Count => _subjects.Count;

    public CaseActionSubject this[int subject] => _subjects[subject];

    /// <summary>Adds an audit and returns its number.</summary>
    public int Add(string auditId, string caseRef, string team, string? practitioner, string? auditor)
    {
        _subjects.Add(new CaseActionSubject(_texts.Add(auditId), _texts.Add(caseRef), team, practitioner, auditor));
        return _subjects.Count - 1;
    }

    public ReadOnlySpan<char> AuditIdOf(int subject) => _texts[_subjects[subject].AuditId];

    public ReadOnlySpan<char> CaseRefOf(int subject) => _texts[_subjects[subject].CaseRef];
}

/// <summary>
/// One case action held compactly: the audit (index into the subjects), the case action rule, the due day and the
/// number its id is written from (<see cref="ActionIds.Hash"/>).
/// </summary>
/// <remarks>16 bytes: the rule (below 2^16) and the 48-bit hash share one field. A million audits raise millions.</remarks>
internal readonly struct CompactCaseAction
{
    private const long HashMask = (1L << 48) - 1;
    private readonly long _ruleAndHash;

    public CompactCaseAction(int subject, int rule, int dueDay, long idHash)
    {
        if ((uint)rule > ushort.MaxValue || (ulong)idHash > HashMask)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "A case action rule number must be below 65,536 and an id hash below 2^48.");
        }

        Subject = subject;
        DueDay = dueDay;
        _ruleAndHash = ((long)rule << 48) | idHash;
    }

    public int Subject { get; }

    public int DueDay { get; }

    public int Rule => (int)(_ruleAndHash >>> 48);

    public long IdHash => _ruleAndHash & HashMask;

    /// <summary>This action with the number its id is written from.</summary>
    public CompactCaseAction WithIdHash(long idHash) => new(Subject, Rule, DueDay, idHash);
}

/// <summary>
/// A run's actions in report order (case, then team, then service), holding the case actions compactly: a run
/// can raise millions of them, and their texts and ids are built only when a writer reads them. Reading an action
/// builds it afresh, resolving owners as the run would have; the same index always gives an equal action.
/// </summary>
internal sealed class CompactActionList : IReadOnlyList<FollowUpAction>
{
    private readonly CompiledRuleSet _rules;
    private readonly CaseActionSubjects _subjects;
    private readonly CompactCaseAction[] _caseActions;
    private readonly ImmutableArray<FollowUpAction> _others;
    private readonly TeamDirectory? _directory;

    /// <param name="caseActions">In report order already (see <see cref="SortCaseActions"/>).</param>
    /// <param name="others">Team and service actions, sorted for the report, owners resolved.</param>
    public CompactActionList(
        CompiledRuleSet rules,
        CaseActionSubjects subjects,
        CompactCaseAction[] caseActions,
        ImmutableArray<FollowUpAction> others,
        TeamDirectory? directory)
    {
        _rules = rules;
        _subjects = subjects;
        _caseActions = caseActions;
        _others = others;
        _directory = directory;
    }

    public int Count => _caseActions.Length + _others.Length;

    internal CompiledRuleSet Rules => _rules;

    internal CaseActionSubjects Subjects => _subjects;

    internal TeamDirectory? Directory => _directory;

    /// <summary>How many of the actions are case actions (they come first).</summary>
    public int CaseCount => _caseActions.Length;

    public FollowUpAction this[int index]
    {
        get
        {
            if ((uint)index < (uint)_caseActions.Length)
            {
                return Build(_caseActions[index]);
            }

            return _others[index - _caseActions.Length];
        }
    }

    public IEnumerator<FollowUpAction> GetEnumerator()
    {
        foreach (var action in _caseActions)
        {
            yield return Build(action);
        }

        foreach (var action in _others)
        {
            yield return action;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>How many of <paramref name="actions"/> are case actions, without building a run's case actions.</summary>
    public static int CountCaseActions(IReadOnlyList<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions is CompactActionList compact ? compact.CaseCount : actions.Count(a => a.Scope == ActionScope.Case);
    }

    /// <summary>The team and service actions of <paramref name="actions"/>, in order, without building a run's case actions.</summary>
    public static IEnumerable<FollowUpAction> WithoutCaseActions(IReadOnlyList<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions is CompactActionList compact ? compact._others : actions.Where(a => a.Scope != ActionScope.Case);
    }

    /// <summary>
    /// Sorts case actions as <see cref="FollowUpPlanner.SortForReport"/> does: due date, team, case reference,
    /// criterion, id (ordinal), then the order raised.
    /// </summary>
    /// <remarks>
    /// Each action gets one 64-bit key packed from ranks (due day, then team and case reference, then criterion),
    /// so the sort compares numbers instead of strings; only actions with equal keys (the same case
    /// audited twice with the same due date) are compared by id and order raised.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CompactCaseAction[] SortCaseActions(CompiledRuleSet rules, CaseActionSubjects subjects, ChunkedList<CompactCaseAction> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        var actions = raised.ToArray();
        var count = actions.Length;
        var criterionRanks = CriterionRanks(rules, out var criterionBits);
        var subjectRanks = SubjectRanks(subjects, out var subjectBits);
        var dueRanks = DueRanks(actions, out var dueBits);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (dueBits + subjectBits + criterionBits > 63)
        {
            // More distinct values than 64 bits can rank together (far beyond any real run): compare in full.
            Array.Sort(order, (x, y) => CompareFully(rules, subjects, actions, x, y));
        }
        else
        {
            var keys = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                var action = actions[i];
                keys[i] = ((ulong)(uint)dueRanks[i] << (subjectBits + criterionBits))
                    | ((ulong)(uint)subjectRanks[action.Subject] << criterionBits)
                    | (uint)criterionRanks[action.Rule];
            }

            RadixSort.Sort(keys, order, dueBits + subjectBits + criterionBits);
            BreakTies(actions, keys, order);
        }

        var sorted = new CompactCaseAction[count];
        for (var i = 0; i < count; i++)
        {
            sorted[i] = actions[order[i]];
        }

        return sorted;
    }

    /// <summary>Within each run of equal keys, orders by id (ordinal) and then by the order raised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BreakTies(CompactCaseAction[] actions, ulong[] keys, int[] order)
    {
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                var raised = order[start..end];
                var positions = new int[raised.Length];
                for (var i = 0; i < raised.Length; i++)
                {
                    positions[i] = i;
                }

                Array.Sort(positions, (x, y) =>
                {
                    // Ids in ordinal order are their hashes in numeric order.
                    var c = actions[raised[x]].IdHash.CompareTo(actions[raised[y]].IdHash);
                    return c != 0 ? c : raised[x].CompareTo(raised[y]);
                });
                for (var i = 0; i < positions.Length; i++)
                {
                    order[start + i] = raised[positions[i]];
                }
            }

            start = end;
        }
    }

    private static int CompareFully(CompiledRuleSet rules, CaseActionSubjects subjects, CompactCaseAction[] actions, int x, int y)
    {
        var a = actions[x];
        var b = actions[y];
        var c = a.DueDay.CompareTo(b.DueDay);
        if (c != 0)
        {
            return c;
        }

        var sa = subjects[a.Subject];
        var sb = subjects[b.Subject];
        c = string.CompareOrdinal(sa.Team, sb.Team);
        if (c != 0)
        {
            return c;
        }

        c = subjects.CaseRefOf(a.Subject).SequenceCompareTo(subjects.CaseRefOf(b.Subject));
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(rules.CaseActionCriterion(a.Rule), rules.CaseActionCriterion(b.Rule));
        if (c != 0)
        {
            return c;
        }

        c = a.IdHash.CompareTo(b.IdHash);
        return c != 0 ? c : x.CompareTo(y);
    }

    /// <summary>Each case action rule's rank by criterion id (ordinal; rules without a criterion first, equal ids equal).</summary>
    private static int[] CriterionRanks(CompiledRuleSet rules, out int bits)
    {
        var ruleCount = rules.CaseActionRuleCount;
        var byCriterion = Enumerable.Range(0, ruleCount)
            .OrderBy(r => rules.CaseActionCriterion(r), StringComparer.Ordinal)
            .ToArray();
        var ranks = new int[ruleCount];
        var rank = 0;
        for (var i = 0; i < byCriterion.Length; i++)
        {
            if (i > 0 && !string.Equals(rules.CaseActionCriterion(byCriterion[i]), rules.CaseActionCriterion(byCriterion[i - 1]), StringComparison.Ordinal))
            {
                rank++;
            }

            ranks[byCriterion[i]] = rank;
        }

        bits = BitsFor(rank);
        return ranks;
    }

    /// <summary>Each subject's rank by team then case reference (ordinal; equal pairs equal).</summary>
    /// <remarks>
    /// Sorted by the case reference's first characters packed into a number (<see cref="CaseRefKey"/>), then by team,
    /// both with <see cref="RadixSort"/>; only subjects of one team whose numbers are equal but whose references may
    /// not be (longer than the number holds, or with characters it cannot) are compared as strings.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] SubjectRanks(CaseActionSubjects subjects, out int bits)
    {
        var teamRanks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < subjects.Count; i++)
        {
            teamRanks.TryAdd(subjects[i].Team, 0);
        }

        var teams = teamRanks.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < teams.Length; i++)
        {
            teamRanks[teams[i]] = i;
        }

        var count = subjects.Count;
        var team = new int[count];
        var refKey = new ulong[count];
        var exact = new bool[count];
        var order = new int[count];
        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            team[i] = teamRanks[subjects[i].Team];
            refKey[i] = CaseRefKey(subjects.CaseRefOf(i), out exact[i]);
            keys[i] = refKey[i];
            order[i] = i;
        }

        RadixSort.Sort(keys, order, CaseRefKeyBits);
        for (var i = 0; i < count; i++)
        {
            keys[i] = (uint)team[order[i]];
        }

        RadixSort.Sort(keys, order, BitsFor(teams.Length - 1));

        var ranks = new int[count];
        var rank = -1;
        var start = 0;
        while (start < count)
        {
            // A run of subjects with the same team and reference key.
            var first = order[start];
            var end = start + 1;
            var allExact = exact[first];
            while (end < count && team[order[end]] == team[first] && refKey[order[end]] == refKey[first])
            {
                allExact &= exact[order[end]];
                end++;
            }

            if (allExact)
            {
                // Equal keys that hold the whole references: the references are equal.
                rank++;
                for (var i = start; i < end; i++)
                {
                    ranks[order[i]] = rank;
                }
            }
            else
            {
                var run = order[start..end];
                Array.Sort(run, (x, y) => subjects.CaseRefOf(x).SequenceCompareTo(subjects.CaseRefOf(y)));
                for (var i = 0; i < run.Length; i++)
                {
                    if (i == 0 || !subjects.CaseRefOf(run[i]).SequenceEqual(subjects.CaseRefOf(run[i - 1])))
                    {
                        rank++;
                    }

                    ranks[run[i]] = rank;
                }
            }

            start = end;
        }

        bits = BitsFor(Math.Max(rank, 0));
        return ranks;
    }

    private const int CaseRefKeyCharacters = 8;
    private const int CaseRefKeyBits = 7 * CaseRefKeyCharacters;

    /// <summary>
    /// The first 8 characters of a case reference as a number that orders as the strings do (ordinally), 7 bits each:
    /// characters 0 to 125 as 1 to 126, and 0 after the end (so a reference orders before a longer one it begins).
    /// The first character from 126 up is written as 127 and ends the number (it stands for several characters).
    /// <paramref name="exact"/> says the number holds the whole reference: equal exact numbers mean equal references.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ulong CaseRefKey(ReadOnlySpan<char> caseRef, out bool exact)
    {
        ulong key = 0;
        exact = caseRef.Length <= CaseRefKeyCharacters;
        var ended = false;
        for (var i = 0; i < CaseRefKeyCharacters; i++)
        {
            ulong code = 0;
            if (!ended && i < caseRef.Length)
            {
                var c = caseRef[i];
                if (c < 126)
                {
                    code = (ulong)c + 1;
                }
                else
                {
                    code = 127;
                    exact = false;
                    ended = true;
                }
            }

            key = (key << 7) | code;
        }

        return key;
    }

    /// <summary>Each action's rank by due day: the days after the earliest, or dense ranks when they span too far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] DueRanks(CompactCaseAction[] actions, out int bits)
    {
        var ranks = new int[actions.Length];
        if (ranks.Length == 0)
        {
            bits = 0;
            return ranks;
        }

        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var action in actions)
        {
            first = Math.Min(first, action.DueDay);
            last = Math.Max(last, action.DueDay);
        }

        if (last - first < 1 << 20)
        {
            for (var i = 0; i < ranks.Length; i++)
            {
                ranks[i] = actions[i].DueDay - first;
            }

            bits = BitsFor(last - first);
            return ranks;
        }

        var distinct = actions.Select(a => a.DueDay).Distinct().Order().ToArray();
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = Array.BinarySearch(distinct, actions[i].DueDay);
        }

        bits = BitsFor(distinct.Length - 1);
        return ranks;
    }

    /// <summary>How many bits hold 0..<paramref name="largest"/>.</summary>
    private static int BitsFor(int largest) => largest <= 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)largest);

    /// <summary>
    /// Fills <paramref name="parts"/> with case action <paramref name="index"/> (0 to <see cref="CaseCount"/> - 1), as
    /// <see cref="this[int]"/> would build it, without allocating: for writers of millions of actions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillCaseAction(int index, CaseActionParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var action = _caseActions[index];
        var subject = _subjects[action.Subject];
        var plan = _rules.CaseActionPlanOf(action.Rule);
        var (owner, escalateTo) = OwnersOf(plan, subject);
        parts.Set(action.Rule, action.Subject, plan, _subjects, owner, escalateTo, DateOnly.FromDayNumber(action.DueDay), action.IdHash);
    }

    /// <summary>Case action <paramref name="index"/> as held (0 to <see cref="CaseCount"/> - 1).</summary>
    internal CompactCaseAction CaseActionAt(int index) => _caseActions[index];

    private FollowUpAction Build(CompactCaseAction action)
    {
        var subject = _subjects[action.Subject];
        var (owner, escalateTo) = OwnersOf(_rules.CaseActionPlanOf(action.Rule), subject);
        return _rules.CreateCaseAction(
            action.Rule,
            subject.Team,
            new string(_subjects.CaseRefOf(action.Subject)),
            new string(_subjects.AuditIdOf(action.Subject)),
            action.IdHash,
            DateOnly.FromDayNumber(action.DueDay),
            owner,
            escalateTo);
    }

    /// <summary>The rule's owner and escalation roles resolved for the audit, as the run would resolve them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (string Owner, string? EscalateTo) OwnersOf(CaseActionPlan plan, CaseActionSubject subject) =>
        (OwnerResolver.Resolve(plan.Owner, subject.Team, subject.Practitioner, subject.Auditor, _directory),
            plan.EscalateTo is null ? null : OwnerResolver.Resolve(plan.EscalateTo, subject.Team, subject.Practitioner, subject.Auditor, _directory));
}

/// <summary>
/// One case action's fields, refilled for each action a writer reads (see <see cref="CompactActionList.FillCaseAction"/>):
/// the id and text live in buffers of this instance, so use one instance per thread.
/// </summary>
internal sealed class CaseActionParts
{
    private readonly char[] _id = new char[ActionIds.Length];
    private CaseActionSubjects? _subjects;
    private char[] _text = new char[256];
    private int _textLength = -1;

    /// <summary>The case action rule that raised the action (see <see cref="CompiledRuleSet.CaseActionPlanOf"/>).</summary>
    public int Rule { get; private set; }

    /// <summary>The number of the audit the action is about among the run's subjects: actions of one audit share it.</summary>
    public int Subject { get; private set; }

    public string Team { get; private set; } = string.Empty;

    public ReadOnlySpan<char> CaseRef => _subjects is null ? [] : _subjects.CaseRefOf(Subject);

    public ReadOnlySpan<char> AuditId => _subjects is null ? [] : _subjects.AuditIdOf(Subject);

    public string? Criterion { get; private set; }

    public string RuleKey { get; private set; } = string.Empty;

    public string Owner { get; private set; } = string.Empty;

    public string? EscalateTo { get; private set; }

    public DateOnly Due { get; private set; }

    /// <summary>The text as parts, with only <c>{team}</c> and <c>{case_ref}</c> left open (filled by <see cref="Text"/>).</summary>
    public ActionTextParts TextParts { get; private set; } = ActionTextParts.Parse(string.Empty);

    public ReadOnlySpan<char> Id => _id;

    /// <summary>The text with every placeholder filled, built on first use for each action.</summary>
    public ReadOnlySpan<char> Text
    {
        get
        {
            if (_textLength < 0)
            {
                _textLength = TextParts.Fill(ref _text, Team, CaseRef);
            }

            return _text.AsSpan(0, _textLength);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Set(int rule, int subject, CaseActionPlan plan, CaseActionSubjects subjects, string owner, string? escalateTo, DateOnly due, long idHash)
    {
        Rule = rule;
        Subject = subject;
        _subjects = subjects;
        Team = subjects[subject].Team;
        Criterion = plan.Criterion;
        RuleKey = plan.RuleKey;
        Owner = owner;
        EscalateTo = escalateTo;
        Due = due;
        TextParts = plan.Text;
        _textLength = -1;
        ActionIds.Format(idHash, _id);
    }
}
