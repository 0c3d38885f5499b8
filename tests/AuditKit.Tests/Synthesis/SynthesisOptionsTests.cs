using AuditKit.Synthesis;

namespace AuditKit.Tests.Synthesis;

public sealed class SynthesisOptionsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        new SynthesisOptions(100, 1).Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Problems_EveryBadValue_EachNamed()
    {
        var options = new SynthesisOptions(-1, 1) { Teams = 0, Months = 0, BlankShare = 0.9, CommentShare = -1, BrokenRows = 3 };

        var problems = options.Problems();

        problems.Count.ShouldBe(6);
        problems.ShouldContain(p => p.StartsWith("Count", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("Teams", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("Months", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("BlankShare", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("CommentShare", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("BrokenRows", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_BlankShareNaN_Reported()
    {
        new SynthesisOptions(1, 1) { BlankShare = double.NaN }.Problems().ShouldHaveSingleItem();
    }
}
