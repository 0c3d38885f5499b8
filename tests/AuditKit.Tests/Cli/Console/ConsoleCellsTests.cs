using AuditKit.Cli.Console;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Cli.Console;

public sealed class ConsoleCellsTests
{
    private static readonly string[] Pieces = ["児童", "保護", "ＣＨＩＬＤ", "　", " ", "Team", "남부", "家庭支援服務", "é", "x", "ーム"];

    [Fact]
    public void Width_FullWidthAndCjk_CountsTwoCellsEach()
    {
        ConsoleCells.Width("Team A").ShouldBe(6);
        ConsoleCells.Width("児童保護").ShouldBe(8);
        ConsoleCells.Width("ＡＢ").ShouldBe(4);
        ConsoleCells.HasWide("Siobhán Ó Briain").ShouldBeFalse();
        ConsoleCells.HasWide("北部支援").ShouldBeTrue();
    }

    [Fact]
    public void Fit_WideText_CutsToTheCellsWithAnEllipsis()
    {
        var fitted = ConsoleCells.Fit("児童保護東チーム", 7);

        fitted.ShouldBe("児童保…");
        ConsoleCells.Width(fitted).ShouldBeLessThanOrEqualTo(7);
    }

    [Fact]
    public void Wrap_AnyMixOfWideAndNarrowText_EveryLineFitsAndNothingIsLost()
    {
        var gen =
            from count in Gen.Choose(0, 12)
            from parts in Gen.ArrayOf(Gen.Elements(Pieces), count)
            from width in Gen.Choose(2, 30)
            select (Text: string.Concat(parts), Width: width);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var lines = ConsoleCells.Wrap(c.Text, c.Width).Split('\n');
            return lines.All(l => ConsoleCells.Width(l) <= c.Width)
                && string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal) == c.Text.Replace(" ", string.Empty, StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }
}
