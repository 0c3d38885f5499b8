using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace AuditKit.Reporting;

/// <summary>
/// File and folder names made from names in the data (a team, an audit id) that are safe on every system: lower-case
/// letters and digits (of any script, so "Tîm Siobhán" stays readable as "tîm-siobhán") joined by hyphens, everything
/// else (path separators, dots, spaces, quotes) a single hyphen: "Children in Care 1" -> "children-in-care-1". At most
/// 60 characters, never a name Windows reserves. Names that would clash (two names giving the same one, ignoring case,
/// or a name with no letter or digit left) get a short hash of the name as given, so each keeps its own from run to run.
/// </summary>
public sealed class SafeNames
{
    private const int MaxLength = 60;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    };

    private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Safe names for <paramref name="names"/>, each distinct name its own; the result does not depend on their order.</summary>
    public static IReadOnlyDictionary<string, string> For(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var distinct = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var plain = distinct.ToLookup(Slug, StringComparer.OrdinalIgnoreCase);
        var safe = new SafeNames();

        // A slug only one name gives is that name's; a slug several names give (or an empty one) is nobody's alone.
        foreach (var name in distinct)
        {
            var slug = Slug(name);
            if (slug.Length > 0 && plain[slug].Count() == 1)
            {
                safe.Claim(name, slug);
            }
        }

        foreach (var name in distinct.Where(n => !safe._given.ContainsKey(n)))
        {
            safe.Hashed(name, Slug(name), 0);
        }

        return safe._given;
    }

    /// <summary>
    /// The safe name of <paramref name="name"/>, given one at a time: its slug, or (when an earlier name took it) the slug
    /// and a hash. The same name always gets the same safe name from one instance.
    /// </summary>
    public string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_given.TryGetValue(name, out var given))
        {
            return given;
        }

        var slug = Slug(name);
        if (slug.Length > 0 && _used.Add(slug))
        {
            _given.Add(name, slug);
            return slug;
        }

        return Hashed(name, slug, 0);
    }

    private string Hashed(string name, string slug, int attempt)
    {
        var candidate = slug.Length == 0 ? Hash(name, attempt) : $"{slug}-{Hash(name, attempt)}";
        while (!_used.Add(candidate))
        {
            attempt++;
            candidate = slug.Length == 0 ? Hash(name, attempt) : $"{slug}-{Hash(name, attempt)}";
        }

        _given.Add(name, candidate);
        return candidate;
    }

    private void Claim(string name, string slug)
    {
        _used.Add(slug);
        _given.Add(name, slug);
    }

    /// <summary>"Child Protection East" -> "child-protection-east"; empty when nothing is left.</summary>
    internal static string Slug(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, MaxLength));
        var hyphen = false;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var lower = char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(lower) || (slug.Length > 0 && !hyphen && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark))
            {
                if (hyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                hyphen = false;
                slug.Append(lower);
            }
            else
            {
                hyphen = true;
            }

            if (slug.Length >= MaxLength)
            {
                break;
            }
        }

        var text = slug.ToString().TrimEnd('-');
        return Reserved.Contains(text) ? text + "-x" : text;
    }

    private static string Hash(string name, int attempt)
    {
        var bytes = Encoding.UTF8.GetBytes(attempt == 0 ? name : $"{name}\u0000{attempt.ToString(CultureInfo.InvariantCulture)}");
        return XxHash64.HashToUInt64(bytes).ToString("x16", CultureInfo.InvariantCulture)[..8];
    }
}
