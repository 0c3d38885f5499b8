using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using AuditKit.FollowUps;
using AuditKit.Runs;

namespace AuditKit.Evaluation;

/// <summary>
/// Hashes the ids of the case actions a rule set raises: the same numbers as
/// <see cref="CompiledRuleSet.CaseActionIdHash"/>, with each rule and team's shared start of the message hashed once,
/// and, for a run's many actions, eight messages compressed at once (<see cref="Sha256Lanes"/>).
/// </summary>
/// <remarks>One instance per thread: it keeps what it has hashed.</remarks>
internal sealed class CaseActionIdHasher
{
    private const byte Separator = 0x1f;

    // Messages whose part after the shared prefix fills at most two blocks with the padding (ids and criteria of
    // ordinary length) are hashed eight at a time; longer ones one at a time.
    private const int MaxTail = (2 * 64) - 9;

    private readonly CompiledRuleSet _rules;
    private readonly Dictionary<string, Sha256WithPrefix>?[] _byRule;
    private readonly byte[]?[] _criteria;
    private readonly Lanes _oneBlock = new(1);
    private readonly Lanes _twoBlocks = new(2);

    public CaseActionIdHasher(CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _byRule = new Dictionary<string, Sha256WithPrefix>?[rules.CaseActionRuleCount];
        _criteria = new byte[]?[rules.CaseActionRuleCount];
    }

    /// <summary>The id hash of the action case action rule <paramref name="rule"/> raises for audit <paramref name="auditId"/> of <paramref name="team"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Hash(int rule, string team, ReadOnlySpan<char> auditId) =>
        ActionIds.Hash(PrefixOf(rule, team), auditId, _rules.CaseActionCriterion(rule));

    /// <summary>Sets the id hash of each of <paramref name="actions"/> (about audits of <paramref name="subjects"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void HashAll(Span<CompactCaseAction> actions, CaseActionSubjects subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (!Sha256Lanes.IsAccelerated)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                var action = actions[i];
                actions[i] = action.WithIdHash(Hash(action.Rule, subjects[action.Subject].Team, subjects.AuditIdOf(action.Subject)));
            }

            return;
        }

        Span<byte> tail = stackalloc byte[MaxTail + 64];
        for (var i = 0; i < actions.Length; i++)
        {
            var action = actions[i];
            var auditId = subjects.AuditIdOf(action.Subject);
            var prefix = PrefixOf(action.Rule, subjects[action.Subject].Team);
            var criterion = _criteria[action.Rule] ??= Encoding.UTF8.GetBytes(_rules.CaseActionCriterion(action.Rule) ?? string.Empty);
            var length = prefix.Rest.Length + Encoding.UTF8.GetMaxByteCount(auditId.Length) + 1 + criterion.Length;
            if (length > MaxTail)
            {
                actions[i] = action.WithIdHash(Hash(action.Rule, subjects[action.Subject].Team, auditId));
                continue;
            }

            // The part after the prefix's whole blocks: the rest of the prefix, the audit id, the separator, the criterion.
            prefix.Rest.CopyTo(tail);
            var used = prefix.Rest.Length;
            used += Encoding.UTF8.GetBytes(auditId, tail[used..]);
            tail[used++] = Separator;
            criterion.CopyTo(tail[used..]);
            used += criterion.Length;

            var lanes = used + 9 <= 64 ? _oneBlock : _twoBlocks;
            lanes.Add(i, prefix, tail[..used]);
            if (lanes.IsFull)
            {
                lanes.Run(actions);
            }
        }

        _oneBlock.Run(actions);
        _twoBlocks.Run(actions);
    }

    private Sha256WithPrefix PrefixOf(int rule, string team)
    {
        var byTeam = _byRule[rule] ??= new Dictionary<string, Sha256WithPrefix>(StringComparer.Ordinal);
        if (!byTeam.TryGetValue(team, out var prefix))
        {
            prefix = ActionIds.Prefix(_rules.Template.Id, _rules.CaseActionRuleKey(rule), team);
            byTeam.Add(team, prefix);
        }

        return prefix;
    }

    /// <summary>
    /// Up to eight messages of the same number of blocks waiting to be compressed together, kept as
    /// <see cref="Sha256Lanes.Compress"/> takes them: word by word, each word's eight lanes together.
    /// </summary>
    private sealed class Lanes(int blocks)
    {
        private readonly int _blocks = blocks;
        private readonly uint[] _words = new uint[blocks * 16 * Sha256Lanes.Lanes];
        private readonly uint[] _states = new uint[8 * Sha256Lanes.Lanes];
        private readonly int[] _actions = new int[Sha256Lanes.Lanes];
        private readonly byte[] _padded = new byte[blocks * 64];
        private int _count;

        public bool IsFull => _count == Sha256Lanes.Lanes;

        /// <summary>Adds action <paramref name="action"/>'s message: the prefix's state, and the rest of the message, padded here.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int action, Sha256WithPrefix prefix, ReadOnlySpan<byte> tail)
        {
            var padded = _padded.AsSpan();
            tail.CopyTo(padded);
            padded[tail.Length..].Clear();
            padded[tail.Length] = 0x80;
            var bits = (ulong)(prefix.PrefixLength - prefix.Rest.Length + tail.Length) * 8;
            BinaryPrimitives.WriteUInt64BigEndian(padded[^8..], bits);
            for (var word = 0; word < _blocks * 16; word++)
            {
                _words[(word * Sha256Lanes.Lanes) + _count] = BinaryPrimitives.ReadUInt32BigEndian(padded[(4 * word)..]);
            }

            var state = prefix.State;
            for (var word = 0; word < 8; word++)
            {
                _states[(word * Sha256Lanes.Lanes) + _count] = state[word];
            }

            _actions[_count++] = action;
        }

        /// <summary>Hashes the waiting messages and sets their actions' id hashes (the digest's first 6 bytes).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(Span<CompactCaseAction> actions)
        {
            if (_count == 0)
            {
                return;
            }

            for (var block = 0; block < _blocks; block++)
            {
                Sha256Lanes.Compress(_states, _words.AsSpan(block * 16 * Sha256Lanes.Lanes, 16 * Sha256Lanes.Lanes));
            }

            for (var lane = 0; lane < _count; lane++)
            {
                var hash = ((long)_states[lane] << 16) | (_states[Sha256Lanes.Lanes + lane] >> 16);
                actions[_actions[lane]] = actions[_actions[lane]].WithIdHash(hash);
            }

            _count = 0;
        }
    }
}
