using AuditKit.Runs;

namespace AuditKit.Tests.Runs;

public sealed class CaseRefKeyTests
{
    private static readonly string[] Awkward =
    [
        "", "C", "C-1", "C-10274", "C-102741", "C-1027410", "C-102741~", "C~", "C}", "C\u007d\u007e", "C\u007f", "C\u0000",
        "Cé", "Cü", "C\U0001F600", "\uFFFF", "ABCDEFGH", "ABCDEFGHI", "ABCDEFG~", "ABCDEFG\u007f", "abc", "ABC",
    ];

    [Fact]
    public void CaseRefKey_AwkwardReferences_OrdersAsTheStringsAndExactMeansEqual()
    {
        foreach (var a in Awkward)
        {
            foreach (var b in Awkward)
            {
                AssertConsistent(a, b);
            }
        }
    }

    [Fact]
    public void CaseRefKey_RandomReferences_OrdersAsTheStringsAndExactMeansEqual()
    {
        // Characters either side of the 7-bit limit, and lengths either side of the 8 characters a key holds.
        char[] alphabet = ['\0', '-', '0', '1', 'C', 'c', '}', '~', '\u007f', '\u0080', 'é', '\uD83D', '\uDE00', '\uFFFF'];
        var random = new Random(17);
        var references = Enumerable.Range(0, 400)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 11)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .ToArray();
        foreach (var a in references)
        {
            foreach (var b in references)
            {
                AssertConsistent(a, b);
            }
        }
    }

    private static void AssertConsistent(string a, string b)
    {
        var keyA = CompactActionList.CaseRefKey(a, out var exactA);
        var keyB = CompactActionList.CaseRefKey(b, out var exactB);
        var strings = Math.Sign(string.CompareOrdinal(a, b));
        if (keyA != keyB)
        {
            // Different keys decide the order, and decide it as the strings would.
            Math.Sign(keyA.CompareTo(keyB)).ShouldBe(strings, $"'{a}' against '{b}'");
        }
        else if (exactA && exactB)
        {
            strings.ShouldBe(0, $"'{a}' and '{b}' have the same exact key");
        }

        if (strings == 0)
        {
            keyA.ShouldBe(keyB);
        }
    }
}
