using AuditKit.Moderation;

namespace AuditKit.Tests.Moderation;

public sealed class KappaTests
{
    /// <summary>
    /// The published worked example: SAS/STAT User's Guide, "The FREQ Procedure", Getting Started: "Agreement Study" (two
    /// dermatologists rating 88 patients' skin condition as terrible, poor, marginal or clear; Table 3.2). Its output gives
    /// simple kappa 0.3449 (ASE 0.0724, 95% confidence limits 0.2030 to 0.4868) and weighted kappa, with Cicchetti-Allison
    /// weights (the linear weights 1 - |i - j| / (k - 1)), 0.5082 (ASE 0.0655, 0.3798 to 0.6366).
    /// </summary>
    private static readonly int[,] SkinCondition =
    {
        { 10, 4, 1, 0 },
        { 5, 10, 12, 2 },
        { 2, 4, 12, 5 },
        { 0, 2, 6, 13 },
    };

    [Fact]
    public void Unweighted_PublishedSkinConditionExample_GivesItsKappaStandardErrorAndInterval()
    {
        var kappa = Kappa.Unweighted(SkinCondition)!.Value;

        kappa.Value.ShouldBe(0.3449, 0.00005);
        kappa.StandardError.ShouldBe(0.0724, 0.00005);
        kappa.Low!.Value.ShouldBe(0.2030, 0.00005);
        kappa.High!.Value.ShouldBe(0.4868, 0.00005);
    }

    [Fact]
    public void LinearWeighted_PublishedSkinConditionExample_GivesItsWeightedKappaStandardErrorAndInterval()
    {
        var kappa = Kappa.LinearWeighted(SkinCondition)!.Value;

        kappa.Value.ShouldBe(0.5082, 0.00005);
        kappa.StandardError.ShouldBe(0.0655, 0.00005);
        kappa.Low!.Value.ShouldBe(0.3798, 0.00005);
        kappa.High!.Value.ShouldBe(0.6366, 0.00005);
    }

    [Fact]
    public void Unweighted_HandWorkedTwoByTwo_GivesKappaAndPabak()
    {
        // 50 cases: po = (20 + 15) / 50 = 0.7; rows 0.5, 0.5; columns 0.6, 0.4; pe = 0.5 x 0.6 + 0.5 x 0.4 = 0.5;
        // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4; PABAK = 2 x 0.7 - 1 = 0.4.
        int[,] counts = { { 20, 5 }, { 10, 15 } };

        Kappa.Unweighted(counts)!.Value.Value.ShouldBe(0.4, 1e-12);
        Kappa.Agreement(counts).ShouldBe(0.7);
        Kappa.Pabak(counts)!.Value.ShouldBe(0.4, 1e-12);
    }

    [Fact]
    public void Unweighted_PerfectAgreementWithVariation_IsOneWithNoSpread()
    {
        int[,] counts = { { 6, 0, 0 }, { 0, 3, 0 }, { 0, 0, 1 } };

        var kappa = Kappa.Unweighted(counts)!.Value;

        kappa.Value.ShouldBe(1, 1e-12);
        kappa.StandardError.ShouldBe(0, 1e-6);
        kappa.Low!.Value.ShouldBe(1, 1e-6);
        kappa.High!.Value.ShouldBe(1, 1e-12);
        Kappa.LinearWeighted(counts)!.Value.Value.ShouldBe(1, 1e-12);
        Kappa.Pabak(counts).ShouldBe(1);
    }

    [Fact]
    public void Unweighted_AgreementNoBetterThanChance_IsZero()
    {
        // Each rater says yes to half the cases, independently: po = 0.5 = pe, so kappa = 0 (and PABAK = 2 x 0.5 - 1 = 0).
        int[,] counts = { { 5, 5 }, { 5, 5 } };

        var kappa = Kappa.Unweighted(counts)!.Value;

        kappa.Value.ShouldBe(0, 1e-12);
        kappa.Low!.Value.ShouldBeLessThan(0);
        kappa.High!.Value.ShouldBeGreaterThan(0);
        Kappa.Pabak(counts)!.Value.ShouldBe(0, 1e-12);
    }

    [Fact]
    public void Unweighted_NoVariation_IsUndefinedWhilePabakIsReported()
    {
        // Both raters give all 12 cases the first outcome: pe = 1, so kappa = 0 / 0, undefined; agreement and PABAK are 1.
        var counts = new int[4, 4];
        counts[0, 0] = 12;

        Kappa.Unweighted(counts).ShouldBeNull();
        Kappa.LinearWeighted(counts).ShouldBeNull();
        Kappa.Agreement(counts).ShouldBe(1);
        Kappa.Pabak(counts).ShouldBe(1);
    }

    [Fact]
    public void Unweighted_OnePair_AgreeingIsUndefinedAndDisagreeingIsZeroWithoutAnInterval()
    {
        // One pair that agrees: pe = 1, undefined. One that disagrees: po = 0 and pe = 0 (the raters' categories differ),
        // so kappa = 0; no spread can be estimated from one case, so there is no interval. PABAK over four outcomes:
        // (4 x 0 - 1) / 3 = -1/3.
        var agree = new int[4, 4];
        agree[1, 1] = 1;
        var disagree = new int[4, 4];
        disagree[0, 2] = 1;

        Kappa.Unweighted(agree).ShouldBeNull();
        Kappa.Pabak(agree).ShouldBe(1);
        var kappa = Kappa.Unweighted(disagree)!.Value;
        kappa.Value.ShouldBe(0);
        (kappa.Low, kappa.High).ShouldBe((null, null));
        Kappa.Pabak(disagree)!.Value.ShouldBe(-1.0 / 3, 1e-12);
    }

    [Fact]
    public void Unweighted_NoPairs_IsUndefinedAndHasNoAgreement()
    {
        var counts = new int[4, 4];

        Kappa.Unweighted(counts).ShouldBeNull();
        Kappa.Agreement(counts).ShouldBeNull();
        Kappa.Pabak(counts).ShouldBeNull();
    }

    [Fact]
    public void LinearWeighted_NearMissCountsHalf_HandWorked()
    {
        // Three ordered outcomes, 4 cases: (met, met), (met, partly), (partly, partly), (not met, not met).
        // Weights 1, 0.5, 0 for 0, 1, 2 steps apart. po_w = (1 + 0.5 + 1 + 1) / 4 = 0.875.
        // Rows 0.5, 0.25, 0.25; columns 0.25, 0.5, 0.25; pe_w = sum w_ij r_i c_j = 0.5625.
        // Weighted kappa = (0.875 - 0.5625) / (1 - 0.5625) = 5/7; unweighted: po = 0.75, pe = 0.3125, kappa = 0.4375 / 0.6875.
        int[,] counts = { { 1, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

        Kappa.LinearWeighted(counts)!.Value.Value.ShouldBe(5.0 / 7, 1e-12);
        Kappa.Unweighted(counts)!.Value.Value.ShouldBe(0.4375 / 0.6875, 1e-12);
    }
}
