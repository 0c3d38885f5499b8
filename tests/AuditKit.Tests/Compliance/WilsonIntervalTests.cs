using AuditKit.Compliance;

namespace AuditKit.Tests.Compliance;

public sealed class WilsonIntervalTests
{
    // Wilson: centre = (p + z^2/2n) / (1 + z^2/n), half = z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n), z^2 = 3.841458820694124.
    [Theory]
    // 8 of 10: 1 + z^2/10 = 1.384146; centre = (0.8 + 0.192073) / 1.384146 = 0.716747;
    // half = 1.959964 * sqrt(0.016 + 0.009604) / 1.384146 = 1.959964 * 0.160013 / 1.384146 = 0.226585.
    [InlineData(0.8, 10, 0.490162, 0.943318)]
    // 0.75 of 4 (for instance met 2, partly 2 at weight 0.5 over 4): 1 + z^2/4 = 1.960365; centre = (0.75 + 0.480182) / 1.960365 = 0.627527;
    // half = 1.959964 * sqrt(0.046875 + 0.060023) / 1.960365 = 1.959964 * 0.326953 / 1.960365 = 0.326886.
    [InlineData(0.75, 4, 0.300642, 0.954413)]
    // 1 of 2 ... centre 0.5 by symmetry; 1 + z^2/2 = 2.920729; half = 1.959964 * sqrt(0.125 + 0.240091) / 2.920729 = 0.405469.
    [InlineData(0.5, 2, 0.094531, 0.905469)]
    [InlineData(0.375, 4, 0.091899, 0.780573)]
    public void Compute_KnownProportion_MatchesHandComputedBounds(double p, int n, double low, double high)
    {
        var interval = WilsonInterval.Compute(p, n);

        interval.ShouldNotBeNull();
        interval.Value.Low.ShouldBe(low, 1e-6);
        interval.Value.High.ShouldBe(high, 1e-6);
    }

    [Fact]
    public void Compute_ProportionZero_LowIsExactlyZero()
    {
        // High = (z^2/2n + z^2/2n) / (1 + z^2/n) = 0.384146 / 1.384146 = 0.277533 for n = 10.
        var interval = WilsonInterval.Compute(0, 10)!.Value;

        interval.Low.ShouldBe(0.0);
        interval.High.ShouldBe(0.277533, 1e-6);
    }

    [Fact]
    public void Compute_ProportionOne_HighIsExactlyOne()
    {
        // Unclamped the formula gives 0.9999999999999999 for n = 10.
        var interval = WilsonInterval.Compute(1, 10)!.Value;

        interval.High.ShouldBe(1.0);
        interval.Low.ShouldBe(1 - 0.277533, 1e-6);
    }

    [Fact]
    public void Compute_NoCases_ReturnsNull()
    {
        WilsonInterval.Compute(0.5, 0).ShouldBeNull();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Compute_ProportionOutOfRange_Throws(double p)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(p, 5));
    }

    [Fact]
    public void Compute_AnyProportion_BoundsInOrderWithinZeroAndOne()
    {
        for (var n = 1; n <= 60; n++)
        {
            for (var k = 0; k <= 2 * n; k++)
            {
                var p = k / (2.0 * n);
                var (low, high) = WilsonInterval.Compute(p, n)!.Value;
                low.ShouldBeInRange(0, p);
                high.ShouldBeInRange(p, 1);
            }
        }
    }
}
