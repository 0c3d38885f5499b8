using System.Collections.Immutable;

namespace AuditKit.Synthesis;

/// <summary>One fictional team: where it sits, how good its case work is and who works in it.</summary>
/// <param name="BaseQuality">Chance that a criterion is met on a typical case in the first month (0.55 to 0.95).</param>
/// <param name="DriftPerMonth">How much <paramref name="BaseQuality"/> rises (or, when negative, slips) each month.</param>
/// <param name="Weight">Relative number of audits (bigger teams are audited more).</param>
internal sealed record SyntheticTeam(
    string Name,
    string Service,
    double BaseQuality,
    double DriftPerMonth,
    double Weight,
    ImmutableArray<string> Managers,
    ImmutableArray<string> Practitioners)
{
    /// <summary>The team's quality in month <paramref name="monthIndex"/> (0 = the first month).</summary>
    public double QualityIn(int monthIndex) => Math.Clamp(BaseQuality + (DriftPerMonth * monthIndex), 0.35, 0.97);
}

/// <summary>
/// A fictional children's services department: teams grouped into services, team managers, practitioners and
/// quality assurance officers. Every name is invented (first names paired with made-up surnames).
/// </summary>
internal sealed class SyntheticOrganisation
{
    /// <summary>Team names and their services, ordered so that the first six fall into two services (three teams each) and more teams add services.</summary>
    private static readonly (string Team, string Service)[] KnownTeams =
    [
        ("Duty and Assessment 1", "Safeguarding"),
        ("Children in Care 1", "Children in Care"),
        ("Child Protection East", "Safeguarding"),
        ("Permanence and Leaving Care", "Children in Care"),
        ("Children in Care 2", "Children in Care"),
        ("Child Protection West", "Safeguarding"),
        ("Duty and Assessment 2", "Safeguarding"),
        ("Family Support South", "Early Help and Family Support"),
        ("Family Support North", "Early Help and Family Support"),
        ("Disabled Children's Team", "Children with Disabilities"),
        ("Assessment and Intervention Central", "Safeguarding"),
        ("Family Support Central", "Early Help and Family Support"),
        ("Children in Care 3", "Children in Care"),
        ("Child Protection North", "Safeguarding"),
        ("Duty and Assessment 3", "Safeguarding"),
        ("Short Breaks and Transitions", "Children with Disabilities"),
    ];

    private static readonly string[] FirstNames =
    [
        "Alex", "Sam", "Jordan", "Priya", "Tomasz", "Aisha", "Morgan", "Ruth", "Callum", "Nadia",
        "Owen", "Farah", "Kit", "Leah", "Dev", "Imogen", "Marcus", "Zara", "Ellis", "Bronwen",
        "Femi", "Hana", "Jamie", "Niamh", "Rhys", "Sunita", "Theo", "Yusuf", "Carys", "Ade",
        "Grace", "Kofi", "Maya", "Oskar", "Rosa", "Tariq", "Una", "Viktor", "Wren", "Jas",
    ];

    private static readonly string[] SurnameStarts =
    [
        "Alder", "Bramble", "Cinder", "Dapple", "Elm", "Fennel", "Hazel", "Juniper", "Kestrel", "Lark",
        "Moss", "Nettle", "Orchard", "Pebble", "Quill", "Rowan", "Sorrel", "Thistle", "Willow", "Yarrow",
    ];

    private static readonly string[] SurnameEnds =
    [
        "brook", "combe", "field", "gate", "holt", "ley", "mere", "more", "stead", "wick", "worth", "by",
    ];

    private const int WorldStream = 0;

    private SyntheticOrganisation(ImmutableArray<SyntheticTeam> teams, ImmutableArray<string> qualityOfficers)
    {
        Teams = teams;
        QualityOfficers = qualityOfficers;
    }

    public ImmutableArray<SyntheticTeam> Teams { get; }

    /// <summary>Auditors from the quality assurance unit, who audit cases from any team.</summary>
    public ImmutableArray<string> QualityOfficers { get; }

    /// <summary>The services, in order of first appearance among the teams.</summary>
    public IEnumerable<string> Services => Teams.Select(t => t.Service).Distinct(StringComparer.Ordinal);

    public static SyntheticOrganisation Create(int teamCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(teamCount, 1);
        var random = new SynthRandom(seed, WorldStream);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);

        // Base qualities spread evenly from 0.55 to 0.93, handed to the teams in a seeded order.
        var ranks = Enumerable.Range(0, teamCount).ToArray();
        for (var i = ranks.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (ranks[i], ranks[j]) = (ranks[j], ranks[i]);
        }

        var officers = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < 3; i++)
        {
            officers.Add(NewPerson(random, usedNames));
        }

        var teams = ImmutableArray.CreateBuilder<SyntheticTeam>(teamCount);
        for (var t = 0; t < teamCount; t++)
        {
            var (name, service) = t < KnownTeams.Length
                ? KnownTeams[t]
                : ($"Locality Team {t + 1 - KnownTeams.Length}", "Locality Services");
            var spread = teamCount == 1 ? 0.5 : ranks[t] / (double)(teamCount - 1);
            var baseQuality = 0.55 + (0.38 * spread) + random.Between(-0.02, 0.02);
            var drift = random.Between(-0.035, 0.045);
            var weight = random.Between(0.7, 1.3);
            var managers = ImmutableArray.Create(NewPerson(random, usedNames), NewPerson(random, usedNames));
            var practitioners = ImmutableArray.CreateBuilder<string>();
            var practitionerCount = random.Between(6, 9);
            for (var p = 0; p < practitionerCount; p++)
            {
                practitioners.Add(NewPerson(random, usedNames));
            }

            teams.Add(new SyntheticTeam(name, service, baseQuality, drift, weight, managers, practitioners.ToImmutable()));
        }

        return new SyntheticOrganisation(teams.MoveToImmutable(), officers.ToImmutable());
    }

    /// <summary>An invented name not used before in this organisation (falls back to a numbered name when the pool runs dry).</summary>
    private static string NewPerson(SynthRandom random, HashSet<string> used)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var name = $"{random.Pick(FirstNames)} {random.Pick(SurnameStarts)}{random.Pick(SurnameEnds)}";
            if (used.Add(name))
            {
                return name;
            }
        }

        var numbered = $"{random.Pick(FirstNames)} {random.Pick(SurnameStarts)}{random.Pick(SurnameEnds)} {used.Count + 1}";
        used.Add(numbered);
        return numbered;
    }
}
