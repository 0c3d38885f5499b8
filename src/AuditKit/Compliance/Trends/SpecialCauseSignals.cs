using System.Collections.Immutable;

namespace AuditKit.Compliance.Trends;

public enum SignalType
{
    /// <summary>A single point above the upper or below the lower limit.</summary>
    OutsideLimits,

    /// <summary>A run of points all on one side of the centre line.</summary>
    Shift,

    /// <summary>A run of points each higher (or each lower) than the one before.</summary>
    Trend,
}

public enum SignalDirection
{
    Up,
    Down,
    Above,
    Below,
}

/// <summary>A special-cause variation signal and the periods that make it.</summary>
public sealed record SpecialCauseSignal(SignalType Type, ImmutableArray<string> Periods, SignalDirection Direction);

public static class SignalNames
{
    public static string ToContractName(this SignalType type) => type switch
    {
        SignalType.OutsideLimits => "outside_limits",
        SignalType.Shift => "shift",
        SignalType.Trend => "trend",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToContractName(this SignalDirection direction) => direction switch
    {
        SignalDirection.Up => "up",
        SignalDirection.Down => "down",
        SignalDirection.Above => "above",
        SignalDirection.Below => "below",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };
}

/// <summary>
/// Special-cause rules in the style of NHS England's "Making Data Count":
/// <list type="bullet">
/// <item>outside_limits: any point above its upper limit (above) or below its lower limit (below);</item>
/// <item>shift: <see cref="RunLength"/> (7) or more consecutive points all above (above) or all below (below) the
/// centre line; a point exactly on the line ends a run;</item>
/// <item>trend: <see cref="RunLength"/> (7) or more consecutive points each strictly higher (up) or each strictly lower
/// (down) than the one before; an equal value ends a run.</item>
/// </list>
/// Each run is reported once, with all of its periods (the longest run, not every window of 7).
/// Signals are sorted by their first period, then by type.
/// </summary>
public static class SpecialCauseSignals
{
    public const int RunLength = 7;

    private const double Tolerance = 1e-12;

    public static ImmutableArray<SpecialCauseSignal> Detect(PChartResult chart, int runLength = RunLength)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentOutOfRangeException.ThrowIfLessThan(runLength, 2);
        if (chart.Centre is not { } centre || chart.Points.IsDefaultOrEmpty)
        {
            return [];
        }

        var points = chart.Points;
        var found = new List<(int Start, SpecialCauseSignal Signal)>();

        for (var i = 0; i < points.Length; i++)
        {
            var p = points[i];
            if (p.Compliance > p.Ucl + Tolerance)
            {
                found.Add((i, new SpecialCauseSignal(SignalType.OutsideLimits, [p.Period], SignalDirection.Above)));
            }
            else if (p.Compliance < p.Lcl - Tolerance)
            {
                found.Add((i, new SpecialCauseSignal(SignalType.OutsideLimits, [p.Period], SignalDirection.Below)));
            }
        }

        // Shifts: maximal runs of points on one side of the centre line.
        AddRuns(points, runLength, found, SignalType.Shift, i => Side(points[i].Compliance, centre), first: 0);

        // Trends: maximal runs in which each point rises (or falls) from the one before.
        AddRuns(points, runLength, found, SignalType.Trend, i => i == 0 ? 0 : Step(points[i - 1].Compliance, points[i].Compliance), first: 1);

        return [.. found.OrderBy(f => f.Start).ThenBy(f => f.Signal.Type).Select(f => f.Signal)];
    }

    private static int Side(double value, double centre) =>
        value > centre + Tolerance ? 1 : value < centre - Tolerance ? -1 : 0;

    private static int Step(double previous, double current) =>
        current > previous + Tolerance ? 1 : current < previous - Tolerance ? -1 : 0;

    /// <summary>
    /// Finds maximal runs of equal non-zero signs. For shifts a sign belongs to one point; for trends it
    /// belongs to the step into point i, so a run of k steps covers k + 1 points starting one earlier.
    /// </summary>
    private static void AddRuns(
        ImmutableArray<PChartPoint> points,
        int runLength,
        List<(int Start, SpecialCauseSignal Signal)> found,
        SignalType type,
        Func<int, int> sign,
        int first)
    {
        var i = first;
        while (i < points.Length)
        {
            var s = sign(i);
            if (s == 0)
            {
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < points.Length && sign(end + 1) == s)
            {
                end++;
            }

            var start = type == SignalType.Trend ? i - 1 : i;
            var count = end - start + 1;
            if (count >= runLength)
            {
                var direction = type == SignalType.Trend
                    ? (s > 0 ? SignalDirection.Up : SignalDirection.Down)
                    : (s > 0 ? SignalDirection.Above : SignalDirection.Below);
                var periods = points.Skip(start).Take(count).Select(p => p.Period).ToImmutableArray();
                found.Add((start, new SpecialCauseSignal(type, periods, direction)));
            }

            i = end + 1;
        }
    }
}
