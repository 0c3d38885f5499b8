namespace AuditKit.Moderation;

/// <summary>A kappa coefficient with its large-sample standard error and 95% interval.</summary>
/// <param name="Low">The lower end of the 95% interval, kappa - 1.96 SE, no lower than -1; null for a single pair (no
/// standard error can be estimated from one case).</param>
/// <param name="High">The upper end, kappa + 1.96 SE, no higher than 1; null for a single pair.</param>
public readonly record struct KappaEstimate(double Value, double StandardError, double? Low, double? High);

/// <summary>
/// Cohen's kappa for two raters over k categories, unweighted or weighted, from a k x k table of counts (rows the first
/// rater, columns the second).
/// </summary>
/// <remarks>
/// <para>kappa = (po - pe) / (1 - pe), where po = sum of w_ij p_ij and pe = sum of w_ij p_i. p_.j, with w the identity for
/// unweighted kappa and w_ij = 1 - |i - j| / (k - 1) for linearly weighted kappa (Cicchetti and Allison's weights).</para>
/// <para>The standard error is Fleiss, Cohen and Everitt's (1969) large-sample one, not the one under the null hypothesis:
/// var = [sum of p_ij (w_ij - (wi. + w.j)(1 - kappa))^2 - (kappa - pe (1 - kappa))^2] / (n (1 - pe)^2), where wi. is the
/// sum over j of w_ij p_.j and w.j the sum over i of w_ij p_i.; it is what statistical packages print as ASE.</para>
/// <para>Kappa is undefined (null) when there are no pairs, or when chance agreement is complete (pe = 1: both raters put
/// every case in one and the same category, so there is no variation to agree on). With a single pair there is no
/// interval: no spread can be estimated from one case.</para>
/// </remarks>
public static class Kappa
{
    /// <summary>The normal quantile of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    public static KappaEstimate? Unweighted(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Estimate(counts, Identity(counts.GetLength(0)));
    }

    /// <summary>Linearly weighted kappa over ordered categories (row and column 0 the first on the scale).</summary>
    public static KappaEstimate? LinearWeighted(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.GetLength(0);
        var weights = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                weights[i, j] = k == 1 ? 1 : 1 - (Math.Abs(i - j) / (double)(k - 1));
            }
        }

        return Estimate(counts, weights);
    }

    /// <summary>The share of pairs on the diagonal (the raters agree), or null without pairs.</summary>
    public static double? Agreement(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = Total(counts);
        if (n == 0)
        {
            return null;
        }

        var agreed = 0;
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            agreed += counts[i, i];
        }

        return agreed / (double)n;
    }

    /// <summary>
    /// The prevalence-adjusted bias-adjusted kappa (Byrt, Bishop and Carlin 1993), for k categories (k po - 1) / (k - 1):
    /// kappa with chance agreement taken as 1/k whatever the raters' shares. Defined whenever there are pairs.
    /// </summary>
    public static double? Pabak(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.GetLength(0);
        return Agreement(counts) is { } po && k > 1 ? ((k * po) - 1) / (k - 1) : null;
    }

    public static int Total(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = 0;
        foreach (var c in counts)
        {
            n += c;
        }

        return n;
    }

    private static KappaEstimate? Estimate(int[,] counts, double[,] w)
    {
        var k = counts.GetLength(0);
        if (counts.GetLength(1) != k)
        {
            throw new ArgumentException("A table of agreement is square: one row and one column per category.", nameof(counts));
        }

        var n = Total(counts);
        if (n == 0)
        {
            return null;
        }

        var p = new double[k, k];
        var rows = new double[k];
        var columns = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                p[i, j] = counts[i, j] / (double)n;
                rows[i] += p[i, j];
                columns[j] += p[i, j];
            }
        }

        double po = 0, pe = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                po += w[i, j] * p[i, j];
                pe += w[i, j] * rows[i] * columns[j];
            }
        }

        // Complete chance agreement: every case in one category by both raters (to rounding).
        if (1 - pe < 1e-12)
        {
            return null;
        }

        var kappa = (po - pe) / (1 - pe);
        var wRow = new double[k];
        var wColumn = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                wRow[i] += w[i, j] * columns[j];
                wColumn[j] += w[i, j] * rows[i];
            }
        }

        var sum = 0.0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var d = w[i, j] - ((wRow[i] + wColumn[j]) * (1 - kappa));
                sum += p[i, j] * d * d;
            }
        }

        var centre = kappa - (pe * (1 - kappa));
        var variance = Math.Max(0, (sum - (centre * centre)) / (n * (1 - pe) * (1 - pe)));
        var se = Math.Sqrt(variance);
        return n < 2
            ? new KappaEstimate(kappa, double.NaN, null, null)
            : new KappaEstimate(kappa, se, Math.Max(-1, kappa - (Z95 * se)), Math.Min(1, kappa + (Z95 * se)));
    }

    private static double[,] Identity(int k)
    {
        var w = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            w[i, i] = 1;
        }

        return w;
    }
}
