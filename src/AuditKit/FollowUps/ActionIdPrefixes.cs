namespace AuditKit.FollowUps;

/// <summary>
/// How a set of action ids is shown to people: each by the shortest prefix of at least
/// <see cref="ActionId.ShortDigits"/> hex digits that no other id of the set shares, as git shows commits.
/// </summary>
public sealed class ActionIdPrefixes
{
    // Only the ids that need more than the shortest form; nearly always none.
    private readonly Dictionary<ActionId, int> _longer;

    private ActionIdPrefixes(Dictionary<ActionId, int> longer) => _longer = longer;

    /// <summary>The short forms of <paramref name="ids"/> (repeats are one id); <paramref name="ids"/> is read twice.</summary>
    public static ActionIdPrefixes For(IEnumerable<ActionId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);

        // First the ids' first 16 digits alone, sorted as numbers (a run has hundreds of thousands of ids): only those
        // that share their first 12 digits with a neighbour are read again and looked at in full.
        var starts = ids.Select(id => (ulong)(id.Value >> 64)).ToArray();
        Array.Sort(starts);
        var crowded = new HashSet<ulong>();
        for (var i = 1; i < starts.Length; i++)
        {
            if (SharedDigits(starts[i - 1], starts[i]) >= ActionId.ShortDigits)
            {
                crowded.Add(starts[i - 1] >> ShortShift);
            }
        }

        var longer = new Dictionary<ActionId, int>();
        if (crowded.Count == 0)
        {
            return new ActionIdPrefixes(longer);
        }

        var sorted = ids.Where(id => crowded.Contains((ulong)(id.Value >> 64) >> ShortShift)).Distinct().Order().ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var (a, b) = (sorted[i - 1], sorted[i]);
            var shared = (int)UInt128.LeadingZeroCount(a.Value ^ b.Value) / 4;
            if (shared >= ActionId.ShortDigits)
            {
                Lengthen(longer, a, shared + 1);
                Lengthen(longer, b, shared + 1);
            }
        }

        return new ActionIdPrefixes(longer);
    }

    // The bits after the first 12 digits of an id's first 16.
    private const int ShortShift = 64 - (4 * ActionId.ShortDigits);

    private static int SharedDigits(ulong a, ulong b) => System.Numerics.BitOperations.LeadingZeroCount(a ^ b) / 4;

    /// <summary>The short forms of full ids as text; text that is not a full id is left out.</summary>
    public static ActionIdPrefixes For(IEnumerable<string> ids) =>
        For([.. ids.Select(text => ActionId.TryParse(text, out var id) ? (ActionId?)id : null).OfType<ActionId>()]);

    /// <summary>How many hex digits <paramref name="id"/> is shown with.</summary>
    public int DigitsOf(ActionId id) => _longer.TryGetValue(id, out var digits) ? digits : ActionId.ShortDigits;

    /// <summary><paramref name="id"/> as people see it.</summary>
    public string Shorten(ActionId id) => id.ToString(DigitsOf(id));

    /// <summary>A full id as people see it; text that is not a full id comes back unchanged.</summary>
    public string Shorten(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ActionId.TryParse(id, out var parsed) ? Shorten(parsed) : id;
    }

    /// <summary>
    /// Reads what someone typed to name an action: <c>A-</c> and at least four hex digits, either case, as a lower-case
    /// prefix to look full ids up by; false when it cannot be the start of an id.
    /// </summary>
    public static bool TryNormalise(string typed, out string prefix)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var text = typed.Trim();
        prefix = string.Empty;
        if (text.Length < 2 + 4 || text.Length > ActionId.Length || !text.StartsWith(ActionId.Prefix, StringComparison.OrdinalIgnoreCase)
            || text.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            return false;
        }

        prefix = ActionId.Prefix + text[2..].ToLowerInvariant();
        return true;
    }

    private static void Lengthen(Dictionary<ActionId, int> longer, ActionId id, int digits) =>
        longer[id] = Math.Max(digits, longer.GetValueOrDefault(id));
}
