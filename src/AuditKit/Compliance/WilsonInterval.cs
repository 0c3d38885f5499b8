namespace AuditKit.Compliance;

/// <summary>The 95% Wilson score interval for a proportion.</summary>
public static class WilsonInterval
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>
    /// The interval for <paramref name="proportion"/> observed over <paramref name="n"/> cases, or null when n is 0.
    /// With partly weights the proportion is (met + weight x partly) / n and is used as it is, with the same n.
    /// The bounds lie in [0, 1]; the low bound is exactly 0 at proportion 0 and the high bound exactly 1 at proportion 1.
    /// </summary>
    public static (double Low, double High)? Compute(double proportion, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (double.IsNaN(proportion) || proportion < 0 || proportion > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(proportion), proportion, "A proportion must lie between 0 and 1.");
        }

        if (n == 0)
        {
            return null;
        }

        const double Z2 = Z * Z;
        var denominator = 1 + (Z2 / n);
        var centre = (proportion + (Z2 / (2.0 * n))) / denominator;
        var half = Z * Math.Sqrt((proportion * (1 - proportion) / n) + (Z2 / (4.0 * n * n))) / denominator;

        var low = proportion == 0 ? 0 : Math.Clamp(centre - half, 0, 1);
        var high = proportion == 1 ? 1 : Math.Clamp(centre + half, 0, 1);
        return (low, high);
    }
}
