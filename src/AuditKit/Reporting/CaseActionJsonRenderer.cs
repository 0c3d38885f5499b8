using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditKit.FollowUps;
using AuditKit.Runs;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Renders chunks of a run's case actions as they appear inside summary.json's <c>actions</c> array, byte for byte
/// what <see cref="Utf8JsonWriter"/> writes with <see cref="SummaryJsonWriter.WriterOptions"/> (each action as if it
/// were the first element, so with no comma before it). A run has millions of case actions and they differ in only
/// a few values: the id, the case reference (which the text repeats), the due date, the audit id and, where a rule's
/// owner is the practitioner or auditor, that person. Everything else an action of a rule writes for a team is
/// escaped and joined once into an <see cref="ActionLayout"/>, and each action is its layout's bytes with its own
/// values copied in between. The case reference, audit id and people of an audit are escaped once for all its actions.
/// </summary>
/// <remarks>
/// One instance per thread: it keeps its output and caches. An action whose team or case reference has a character
/// outside the Basic Multilingual Plane (which JSON escapes as a pair, so its text cannot be escaped in pieces) is
/// rendered field by field instead, as is one whose rule's text has such a character.
/// </remarks>
internal sealed class CaseActionJsonRenderer
{
    // The fixed text between the values of an action, each ending where a value starts (after its opening quote for a
    // value that is always a string): `{ "id": "`, then `", "scope": "case", "team": "` and so on, with the writer's
    // new lines and indents.
    private readonly byte[] _beforeId;
    private readonly byte[] _beforeTeam;
    private readonly byte[] _beforeCaseRef;
    private readonly byte[] _beforeOwner;
    private readonly byte[] _beforeDue;
    private readonly byte[] _beforeEscalateTo;
    private readonly byte[] _beforeAuditId;
    private readonly string _nextProperty;
    private readonly string _objectEnd;

    // Per case action rule (by number): from after the case reference to the text's opening quote (with the
    // criterion), and from after the audit id to the end of the action (with the rule key).
    private readonly Dictionary<int, (byte[] BeforeText, byte[] AfterAuditId)> _rules = [];
    private readonly EscapedValues _escaped = new();
    private readonly Dictionary<ActionTextParts, byte[][]?> _texts = new(ReferenceEqualityComparer.Instance);
    private readonly CaseActionParts _parts = new();

    // Layouts by rule and team (compared by reference: a run keeps one instance of each team name); the layout each
    // rule used last is tried first.
    private readonly LayoutTable _layouts = new();
    private CompactActionList? _actions;
    private ActionLayout?[] _lastLayout = [];

    // The audit of the last action rendered by layout: its case reference and audit id escaped, whether its team or
    // case reference has surrogate pairs, and (once an action needs them) its practitioner and auditor as owners.
    private int _subject = -1;
    private CaseActionSubject _subjectRecord;
    private readonly JsonBytes _subjectCaseRef = new(64);
    private readonly JsonBytes _subjectAuditId = new(64);
    private bool _subjectHasSurrogates;
    private byte[]? _subjectPractitioner;
    private byte[]? _subjectAuditor;
    private readonly byte[] _due = new byte[10];
    private readonly JsonBytes _output = new(1 << 20);

    // The team of the last action rendered, escaped, and whether it has surrogate pairs; the last due date.
    private string? _teamName;
    private byte[] _team = [];
    private bool _teamHasSurrogates;
    private int _dueDay = int.MinValue;

    public CaseActionJsonRenderer()
    {
        var options = SummaryJsonWriter.WriterOptions;
        var newLine = options.NewLine;
        var indent = options.IndentCharacter;
        var size = options.IndentSize;
        var objectStart = newLine + new string(indent, 2 * size) + "{";
        var firstProperty = newLine + new string(indent, 3 * size) + "\"";
        _nextProperty = "," + newLine + new string(indent, 3 * size) + "\"";
        _objectEnd = newLine + new string(indent, 2 * size) + "}";
        _beforeId = Encoding.UTF8.GetBytes(objectStart + firstProperty + "id\": \"");
        _beforeTeam = Encoding.UTF8.GetBytes("\"" + _nextProperty + "scope\": \"case\"" + _nextProperty + "team\": \"");
        _beforeCaseRef = Encoding.UTF8.GetBytes("\"" + _nextProperty + "case_ref\": \"");
        _beforeOwner = Encoding.UTF8.GetBytes("\"" + _nextProperty + "owner\": \"");
        _beforeDue = Encoding.UTF8.GetBytes("\"" + _nextProperty + "due\": \"");
        _beforeEscalateTo = Encoding.UTF8.GetBytes("\"" + _nextProperty + "escalate_to\": ");
        _beforeAuditId = Encoding.UTF8.GetBytes(_nextProperty + "audit_id\": \"");
    }

    /// <summary>The bytes of the last chunk rendered.</summary>
    public ReadOnlySpan<byte> Rendered => _output.Written;

    /// <summary>Renders case actions <paramref name="start"/> to <paramref name="end"/> - 1, each after a comma but the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(CompactActionList actions, int start, int end)
    {
        if (!ReferenceEquals(actions, _actions))
        {
            StartList(actions);
        }

        _output.Length = 0;
        _subject = -1;
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                _output.Append((byte)',');
            }

            var action = actions.CaseActionAt(i);
            if (action.Subject != _subject)
            {
                LoadSubject(actions.Subjects, action.Subject);
            }

            var layout = _subjectHasSurrogates ? null : LayoutFor(action.Rule);
            if (layout?.Fixed is null)
            {
                actions.FillCaseAction(i, _parts);
                RenderAction(_parts);
                continue;
            }

            Write(layout, action);
        }
    }

    /// <summary>Forgets the layouts of another list (its rules, names and directory may differ).</summary>
    private void StartList(CompactActionList actions)
    {
        _actions = actions;
        _layouts.Clear();
        _lastLayout = new ActionLayout?[actions.Rules.CaseActionRuleCount];
    }

    /// <summary>Takes the audit's team and names, and escapes its case reference and audit id once for all its actions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LoadSubject(CaseActionSubjects subjects, int subject)
    {
        _subject = subject;
        _subjectRecord = subjects[subject];
        _subjectPractitioner = null;
        _subjectAuditor = null;
        var caseRef = subjects.CaseRefOf(subject);
        if (!ReferenceEquals(_subjectRecord.Team, _teamName))
        {
            _teamName = _subjectRecord.Team;
            _team = _escaped[_teamName];
            _teamHasSurrogates = HasSurrogates(_teamName);
        }

        // Plain ASCII has no surrogates: only a case reference that needs escaping is looked at twice.
        _subjectCaseRef.Length = 0;
        var plain = _subjectCaseRef.AppendEscaped(caseRef);
        _subjectHasSurrogates = _teamHasSurrogates || (!plain && HasSurrogates(caseRef));
        _subjectAuditId.Length = 0;
        _subjectAuditId.AppendEscaped(subjects.AuditIdOf(subject));
    }

    /// <summary>The layout of an action of <paramref name="rule"/> about the current audit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ActionLayout LayoutFor(int rule)
    {
        var team = _subjectRecord.Team;
        var last = _lastLayout[rule];
        if (last is not null && ReferenceEquals(last.Team, team))
        {
            return last;
        }

        var layout = _layouts.Find(rule, team);
        if (layout is null)
        {
            layout = BuildLayout(rule, team);
            _layouts.Add(layout);
        }

        _lastLayout[rule] = layout;
        return layout;
    }

    /// <summary>
    /// Everything an action of <paramref name="rule"/> writes for <paramref name="team"/>, escaped and joined, with
    /// gaps for the values of each action.
    /// </summary>
    private ActionLayout BuildLayout(int rule, string team)
    {
        var plan = _actions!.Rules.CaseActionPlanOf(rule);
        var parts = plan.Text;
        if (!_texts.TryGetValue(parts, out var literals))
        {
            literals = EncodeLiterals(parts);
            _texts.Add(parts, literals);
        }

        if (literals is null)
        {
            return new ActionLayout(rule, team, null, [], []);
        }

        if (!_rules.TryGetValue(rule, out var fixedParts))
        {
            fixedParts = RuleParts(plan.Criterion, plan.RuleKey);
            _rules.Add(rule, fixedParts);
        }

        var teamBytes = _escaped[team];
        var layout = new ActionLayoutBuilder();
        layout.Add(_beforeId);
        layout.Gap(ActionLayout.Value.Id);
        layout.Add(_beforeTeam);
        layout.Add(teamBytes);
        layout.Add(_beforeCaseRef);
        layout.Gap(ActionLayout.Value.CaseRef);
        layout.Add(fixedParts.BeforeText);
        for (var i = 0; i < parts.Parts.Length; i++)
        {
            switch (parts.Parts[i].Slot)
            {
                case ActionTextParts.Slot.Team:
                    layout.Add(teamBytes);
                    break;
                case ActionTextParts.Slot.CaseRef:
                    layout.Gap(ActionLayout.Value.CaseRef);
                    break;
                default:
                    layout.Add(literals[i]);
                    break;
            }
        }

        layout.Add(_beforeOwner);
        AddOwner(layout, plan.Owner, team);
        layout.Add(_beforeDue);
        layout.Gap(ActionLayout.Value.Due);
        layout.Add(_beforeEscalateTo);
        if (plan.EscalateTo is null)
        {
            layout.Add("null"u8);
        }
        else
        {
            layout.Add("\""u8);
            AddOwner(layout, plan.EscalateTo, team);
            layout.Add("\""u8);
        }

        layout.Add(_beforeAuditId);
        layout.Gap(ActionLayout.Value.AuditId);
        layout.Add(fixedParts.AfterAuditId);
        return layout.Build(rule, team);
    }

    /// <summary>An owner role: a gap when it names the audit's practitioner or auditor, else resolved for the team now.</summary>
    private void AddOwner(ActionLayoutBuilder layout, string role, string team)
    {
        if (RoleNames.TryParse(role, out var parsed) && parsed is Role.Practitioner or Role.Auditor)
        {
            layout.Gap(parsed == Role.Practitioner ? ActionLayout.Value.Practitioner : ActionLayout.Value.Auditor);
        }
        else
        {
            layout.Add(_escaped[OwnerResolver.Resolve(role, team, null, null, _actions!.Directory)]);
        }
    }

    /// <summary>The audit's practitioner or auditor as the owner of an action, escaped (the role's name when there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Person(ActionLayout.Value gap)
    {
        var subject = _subjectRecord;
        var directory = _actions!.Directory;
        return gap == ActionLayout.Value.Practitioner
            ? _subjectPractitioner ??= _escaped[OwnerResolver.Resolve(Role.Practitioner.ToContractName(), subject.Team, subject.Practitioner, subject.Auditor, directory)]
            : _subjectAuditor ??= _escaped[OwnerResolver.Resolve(Role.Auditor.ToContractName(), subject.Team, subject.Practitioner, subject.Auditor, directory)];
    }

    /// <summary>Writes one action from its layout: fixed bytes and the action's own values in between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write(ActionLayout layout, CompactCaseAction action)
    {
        var people = 0;
        if (layout.PersonGaps > 0)
        {
            foreach (var gap in layout.Gaps)
            {
                if (gap is ActionLayout.Value.Practitioner or ActionLayout.Value.Auditor)
                {
                    people += Person(gap).Length;
                }
            }
        }

        _output.Reserve(layout.Fixed!.Length + ActionIds.Length + 10 + (layout.CaseRefGaps * _subjectCaseRef.Length) + _subjectAuditId.Length + people);
        var output = _output.Bytes.AsSpan();
        var length = _output.Length;
        var fixedBytes = layout.Fixed.AsSpan();
        var ends = layout.Ends;
        var gaps = layout.Gaps;
        var from = 0;
        for (var k = 0; k < gaps.Length; k++)
        {
            var to = ends[k];
            fixedBytes[from..to].CopyTo(output[length..]);
            length += to - from;
            from = to;
            switch (gaps[k])
            {
                case ActionLayout.Value.Id:
                    ActionIds.Format(action.IdHash, output.Slice(length, ActionIds.Length));
                    length += ActionIds.Length;
                    break;
                case ActionLayout.Value.CaseRef:
                    _subjectCaseRef.Written.CopyTo(output[length..]);
                    length += _subjectCaseRef.Length;
                    break;
                case ActionLayout.Value.Due:
                    Due(DateOnly.FromDayNumber(action.DueDay)).CopyTo(output[length..]);
                    length += 10;
                    break;
                case ActionLayout.Value.AuditId:
                    _subjectAuditId.Written.CopyTo(output[length..]);
                    length += _subjectAuditId.Length;
                    break;
                default:
                    var person = Person(gaps[k]);
                    person.CopyTo(output[length..]);
                    length += person.Length;
                    break;
            }
        }

        fixedBytes[from..].CopyTo(output[length..]);
        _output.Length = length + (fixedBytes.Length - from);
    }

    /// <summary>
    /// An action no layout can write (its team or case reference, or its rule's text, has characters outside the Basic
    /// Multilingual Plane), field by field with its text escaped whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderAction(CaseActionParts action)
    {
        if (!ReferenceEquals(action.Team, _teamName))
        {
            _teamName = action.Team;
            _team = _escaped[action.Team];
            _teamHasSurrogates = HasSurrogates(action.Team);
        }

        if (!_rules.TryGetValue(action.Rule, out var rule))
        {
            rule = RuleParts(action.Criterion, action.RuleKey);
            _rules.Add(action.Rule, rule);
        }

        var output = _output;
        output.Append(_beforeId);
        output.AppendAscii(action.Id);
        output.Append(_beforeTeam);
        output.Append(_team);
        output.Append(_beforeCaseRef);
        output.AppendEscaped(action.CaseRef);
        output.Append(rule.BeforeText);
        output.AppendEscaped(action.Text);
        output.Append(_beforeOwner);
        output.Append(_escaped[action.Owner]);
        output.Append(_beforeDue);
        output.Append(Due(action.Due));
        output.Append(_beforeEscalateTo);
        if (action.EscalateTo is null)
        {
            output.Append("null"u8);
        }
        else
        {
            output.Append((byte)'"');
            output.Append(_escaped[action.EscalateTo]);
            output.Append((byte)'"');
        }

        output.Append(_beforeAuditId);
        output.AppendEscaped(action.AuditId);
        output.Append(rule.AfterAuditId);
    }

    /// <summary>What comes between the case reference and the text, and after the audit id, for the action's rule.</summary>
    private (byte[] BeforeText, byte[] AfterAuditId) RuleParts(string? criterionId, string ruleKey)
    {
        var criterion = criterionId is null ? "null" : "\"" + Encoding.UTF8.GetString(_escaped[criterionId]) + "\"";
        var beforeText = "\"" + _nextProperty + "criterion\": " + criterion + _nextProperty + "action\": \"";
        var afterAuditId = "\"" + _nextProperty + "rule\": \"" + Encoding.UTF8.GetString(_escaped[ruleKey]) + "\"" + _objectEnd;
        return (Encoding.UTF8.GetBytes(beforeText), Encoding.UTF8.GetBytes(afterAuditId));
    }

    /// <summary><c>yyyy-MM-dd</c>, as the writer gets it from <see cref="DateOnly.ToString(string, IFormatProvider)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Due(DateOnly date)
    {
        if (date.DayNumber != _dueDay)
        {
            _dueDay = date.DayNumber;
            Span<char> text = stackalloc char[10];
            date.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < text.Length; i++)
            {
                _due[i] = (byte)text[i];
            }
        }

        return _due;
    }

    /// <summary>
    /// The text's literal parts, each escaped (escaping goes one character at a time, so parts escaped apart join into
    /// what the whole text would give); null when one has surrogate pairs, which escape as pairs.
    /// </summary>
    private static byte[][]? EncodeLiterals(ActionTextParts parts)
    {
        var literals = new byte[parts.Parts.Length][];
        for (var i = 0; i < literals.Length; i++)
        {
            var part = parts.Parts[i];
            if (part.Slot is ActionTextParts.Slot.Team or ActionTextParts.Slot.CaseRef)
            {
                literals[i] = [];
                continue;
            }

            if (HasSurrogates(part.Literal))
            {
                return null;
            }

            literals[i] = JsonEncodedText.Encode(part.Literal, JsonBytes.Encoder).EncodedUtf8Bytes.ToArray();
        }

        return literals;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasSurrogates(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The bytes of a case action that are the same for every action of its rule about audits of its team, and where
/// the action's own values go: gap <c>k</c> comes after the fixed bytes up to <c>Ends[k]</c>; the rest of the fixed
/// bytes end it. <see cref="Fixed"/> is null when the rule's text cannot be escaped in pieces.
/// </summary>
internal sealed class ActionLayout
{
    public ActionLayout(int rule, string team, byte[]? @fixed, int[] ends, Value[] gaps)
    {
        Rule = rule;
        Team = team;
        Fixed = @fixed;
        Ends = ends;
        Gaps = gaps;
        CaseRefGaps = gaps.Count(g => g == Value.CaseRef);
        PersonGaps = gaps.Count(g => g is Value.Practitioner or Value.Auditor);
    }

    /// <summary>The values that differ between actions of one layout.</summary>
    public enum Value : byte
    {
        Id,
        CaseRef,
        Due,
        AuditId,
        Practitioner,
        Auditor,
    }

    public int Rule { get; }

    public string Team { get; }

    public byte[]? Fixed { get; }

    public int[] Ends { get; }

    public Value[] Gaps { get; }

    /// <summary>How many times the case reference goes in (the case_ref field and each <c>{case_ref}</c> of the text).</summary>
    public int CaseRefGaps { get; }

    /// <summary>How many owners are the audit's practitioner or auditor (owner, escalate_to).</summary>
    public int PersonGaps { get; }
}

/// <summary>
/// Layouts by rule and team (the team compared by reference): an open-addressing table compiled fully optimised from
/// its first call, as a run looks layouts up for millions of actions within a fraction of a second, before a generic
/// dictionary's code would be recompiled optimised.
/// </summary>
internal sealed class LayoutTable
{
    private ActionLayout?[] _slots = new ActionLayout?[64];
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ActionLayout? Find(int rule, string team)
    {
        var mask = _slots.Length - 1;
        for (var i = Hash(rule, team) & mask; ; i = (i + 1) & mask)
        {
            var layout = _slots[i];
            if (layout is null || (layout.Rule == rule && ReferenceEquals(layout.Team, team)))
            {
                return layout;
            }
        }
    }

    public void Add(ActionLayout layout)
    {
        if (2 * (_count + 1) > _slots.Length)
        {
            var old = _slots;
            _slots = new ActionLayout?[old.Length * 2];
            _count = 0;
            foreach (var kept in old)
            {
                if (kept is not null)
                {
                    Add(kept);
                }
            }
        }

        var mask = _slots.Length - 1;
        var i = Hash(layout.Rule, layout.Team) & mask;
        while (_slots[i] is not null)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = layout;
        _count++;
    }

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
    }

    private static int Hash(int rule, string team) => (RuntimeHelpers.GetHashCode(team) * 31) + rule;
}

/// <summary>Joins fixed bytes and gaps into an <see cref="ActionLayout"/>.</summary>
internal sealed class ActionLayoutBuilder
{
    private readonly List<byte> _fixed = [];
    private readonly List<int> _ends = [];
    private readonly List<ActionLayout.Value> _gaps = [];

    public void Add(ReadOnlySpan<byte> bytes) => _fixed.AddRange(bytes);

    public void Gap(ActionLayout.Value value)
    {
        _ends.Add(_fixed.Count);
        _gaps.Add(value);
    }

    public ActionLayout Build(int rule, string team) => new(rule, team, [.. _fixed], [.. _ends], [.. _gaps]);
}
