using System.IO.Hashing;
using System.Text;
using AuditKit.FollowUps;

namespace AuditKit.Tests.FollowUps;

public sealed class ActionIdTests
{
    [Fact]
    public void Create_KnownAction_GivesItsPublishedId()
    {
        // The id of a bundled case action in summary.json: ids must not change between versions.
        var id = ActionId.Create("quality-of-practice", "ofsted-grading/case_actions/1", "Child Protection East", "QA-2026-09-00014", null).ToString();

        id.ShouldBe("A-20e459d61e3dc3cd693d74c48acc77a7");
    }

    [Theory]
    [InlineData("Child Protection East", "QA-2026-09-00014", null)]
    [InlineData("", "", "")]
    [InlineData(null, null, null)]
    [InlineData("Équipe Nord – Ñ 😀", "QA-ü-1", "child_seen_alone")]
    public void Create_AnyParts_IsTheXxHash128OfThePartsJoined(string? team, string? auditId, string? criterion)
    {
        var message = string.Join('\u001f', "qop", "qop/case_actions/0", team ?? string.Empty, auditId ?? string.Empty, criterion ?? string.Empty);
        var hex = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(message)));

        ActionId.Create("qop", "qop/case_actions/0", team, auditId, criterion).ToString().ShouldBe("A-" + hex);
    }

    [Fact]
    public void TryParse_FullIdInEitherCase_GivesTheSameId()
    {
        var id = ActionId.Create("qop", "rule", "Team A", "AUD-1", null);

        ActionId.TryParse(id.ToString().ToUpperInvariant().Replace("A-", "a-", StringComparison.Ordinal), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(id);
        ActionId.TryParse(id.ToString(ActionId.ShortDigits), out _).ShouldBeFalse();
        ActionId.TryParse("A-" + new string('g', ActionId.Digits), out _).ShouldBeFalse();
    }

    [Fact]
    public void Ordinal_IdsInTextOrder_AreTheirNumbersInOrder()
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, 2000).Select(i => ActionId.Create("t", "r", "Team " + random.Next(10), "QA-" + random.Next(100_000), null)).ToList();

        ids.Order().Select(i => i.ToString()).ShouldBe(ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prefixes_IdsSharingTheirFirst12Digits_AreEachShownLongEnoughToTellApart()
    {
        var a = Id("3f9c2b1d0e7a" + "5" + new string('0', 19));
        var b = Id("3f9c2b1d0e7a" + "58" + new string('1', 18));
        var c = Id("0123456789ab" + new string('f', 20));

        var prefixes = ActionIdPrefixes.For([a, b, c, a]);

        prefixes.Shorten(c).ShouldBe("A-0123456789ab");
        prefixes.Shorten(a).ShouldBe("A-3f9c2b1d0e7a50");
        prefixes.Shorten(b).ShouldBe("A-3f9c2b1d0e7a58");
        prefixes.Shorten(a.ToString()).ShouldBe("A-3f9c2b1d0e7a50");
        prefixes.Shorten("not an id").ShouldBe("not an id");
    }

    [Fact]
    public void Prefixes_IdsSharingTheirFirst20Digits_AreShownWith21()
    {
        var a = Id("0123456789abcdef0123" + "4" + new string('0', 11));
        var b = Id("0123456789abcdef0123" + "9" + new string('0', 11));

        var prefixes = ActionIdPrefixes.For([b, a]);

        prefixes.DigitsOf(a).ShouldBe(21);
        prefixes.Shorten(b).ShouldBe("A-0123456789abcdef01239");
    }

    [Theory]
    [InlineData("A-3F9C", true, "A-3f9c")]
    [InlineData(" a-3f9c2b1d0e7a ", true, "A-3f9c2b1d0e7a")]
    [InlineData("A-3f9", false, "")]
    [InlineData("3f9c2b1d0e7a", false, "")]
    [InlineData("A-3f9x2b", false, "")]
    public void TryNormalise_Typed_GivesALowerCasePrefixOfAtLeastFourDigits(string typed, bool ok, string prefix)
    {
        ActionIdPrefixes.TryNormalise(typed, out var normalised).ShouldBe(ok);
        normalised.ShouldBe(prefix);
    }

    private static ActionId Id(string hex)
    {
        ActionId.TryParse("A-" + hex, out var id).ShouldBeTrue();
        return id;
    }
}
