using AuditKit.Synthesis;

namespace AuditKit.Tests.Synthesis;

public sealed class SynthRandomTests
{
    [Fact]
    public void NextUInt64_PublishedState_GivesPublishedXoshiro256StarStarSequence()
    {
        var random = SynthRandom.FromState(1, 2, 3, 4);

        var values = Enumerable.Range(0, 4).Select(_ => random.NextUInt64()).ToArray();

        values.ShouldBe([11520UL, 0UL, 1509978240UL, 1215971899390074240UL]);
    }

    [Fact]
    public void SplitMix64_SeedZero_GivesPublishedSequence()
    {
        var state = 0UL;

        var values = Enumerable.Range(0, 3).Select(_ => SynthRandom.SplitMix64(ref state)).ToArray();

        values.ShouldBe([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL]);
    }

    [Fact]
    public void Reset_SameSeedAndStream_SameValues_OtherStreamDiffers()
    {
        var a = new SynthRandom(42, 7);
        var b = new SynthRandom(1, 1);
        b.Reset(42, 7);
        var c = new SynthRandom(42, 8);

        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();

        Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ShouldBe(first);
        Enumerable.Range(0, 5).Select(_ => c.NextUInt64()).ShouldNotBe(first);
    }

    [Fact]
    public void Between_ManyDraws_CoversBothEndsAndNothingOutside()
    {
        var random = new SynthRandom(3, 0);

        var draws = Enumerable.Range(0, 5000).Select(_ => random.Between(0, 17)).ToList();

        draws.Min().ShouldBe(0);
        draws.Max().ShouldBe(17);
        draws.Distinct().Count().ShouldBe(18);
    }

    [Fact]
    public void NextRoughNormal_ManyDraws_MeanNearZeroSpreadNearOne()
    {
        var random = new SynthRandom(5, 0);

        var draws = Enumerable.Range(0, 20000).Select(_ => random.NextRoughNormal()).ToList();
        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();

        mean.ShouldBe(0, 0.03);
        variance.ShouldBe(1, 0.05);
    }

    [Fact]
    public void PickWeighted_Weights_FollowedRoughly()
    {
        var random = new SynthRandom(9, 0);
        double[] cumulative = [1, 4];

        var ones = Enumerable.Range(0, 10000).Count(_ => random.PickWeighted(cumulative) == 1);

        (ones / 10000.0).ShouldBe(0.75, 0.02);
    }
}
