namespace AuditKit.Sampling;

/// <summary>How many cases to draw: so many from each team, or so many in all, shared between teams by their caseloads.</summary>
public readonly record struct SampleSize
{
    private SampleSize(bool perTeam, int count)
    {
        PerTeam = perTeam;
        Count = count;
    }

    public bool PerTeam { get; }

    public int Count { get; }

    public static SampleSize EachTeam(int count) => new(true, Positive(count));

    public static SampleSize Total(int count) => new(false, Positive(count));

    /// <summary><c>per_team 2</c> or <c>total 20</c>, as the store records it.</summary>
    public override string ToString() => (PerTeam ? "per_team " : "total ") + Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Positive(int count) => count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "A sample draws at least one case.");
}

/// <summary>What to draw from a caseload.</summary>
/// <param name="ByCaseType">Stratify each team's share by case type as well.</param>
/// <param name="Reserve">Reserve cases per stratum drawn from, for cases that turn out unsuitable.</param>
/// <param name="AuditedRecently">Case references (compared ignoring case) audited within the look-back period: never drawn.</param>
public sealed record SampleRequest(SampleSize Size, bool ByCaseType, int Seed, int Reserve, IReadOnlySet<string> AuditedRecently)
{
    /// <summary>A request that excludes nothing.</summary>
    public static SampleRequest Of(SampleSize size, int seed, bool byCaseType = false, int reserve = 0) =>
        new(size, byCaseType, seed, reserve, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
}
