using System.Collections.Immutable;

namespace AuditKit.Compliance.Trends;

/// <summary>One period's weighted count: <paramref name="Weighted"/> = met + partly_weight x partly, <paramref name="N"/> = met + partly + not_met.</summary>
public readonly record struct PChartInput(string Period, double Weighted, int N);

/// <summary>One plotted point of a p-chart with its own 3-sigma limits.</summary>
public sealed record PChartPoint(string Period, int N, double Compliance, double Lcl, double Ucl);

/// <summary>A p-chart: the centre line (null when there is no point) and the points in period order.</summary>
public sealed record PChartResult(double? Centre, ImmutableArray<PChartPoint> Points);

/// <summary>
/// A p-chart (proportion chart) for compliance by period. The centre line is the pooled proportion
/// p-bar = sum(weighted) / sum(n); each point's limits are p-bar -/+ 3 x sqrt(p-bar (1 - p-bar) / n_i),
/// clamped to [0, 1], so smaller samples get wider limits.
/// </summary>
public static class PChart
{
    public const double Sigmas = 3.0;

    /// <summary>Points with n = 0 have no compliance and are left out. Inputs keep their order.</summary>
    public static PChartResult Compute(IEnumerable<PChartInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var kept = new List<PChartInput>();
        double weighted = 0;
        long n = 0;
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input.Period, nameof(inputs));
            if (input.N < 0 || input.Weighted < 0 || input.Weighted > input.N + 1e-9 || double.IsNaN(input.Weighted))
            {
                throw new ArgumentOutOfRangeException(nameof(inputs), $"Period '{input.Period}' has weighted {input.Weighted} of n {input.N}.");
            }

            if (input.N == 0)
            {
                continue;
            }

            kept.Add(input);
            weighted += input.Weighted;
            n += input.N;
        }

        if (n == 0)
        {
            return new PChartResult(null, []);
        }

        var centre = weighted / n;
        var points = ImmutableArray.CreateBuilder<PChartPoint>(kept.Count);
        foreach (var input in kept)
        {
            var sigma = Math.Sqrt(centre * (1 - centre) / input.N);
            var lcl = Math.Clamp(centre - (Sigmas * sigma), 0, 1);
            var ucl = Math.Clamp(centre + (Sigmas * sigma), 0, 1);
            points.Add(new PChartPoint(input.Period, input.N, input.Weighted / input.N, lcl, ucl));
        }

        return new PChartResult(centre, points.MoveToImmutable());
    }
}
