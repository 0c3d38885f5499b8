using System.Globalization;
using System.Text.RegularExpressions;

namespace AuditKit.Sampling;

/// <summary>A length of time back from a date: <c>12m</c> (months), <c>26w</c> (weeks) or <c>90d</c> (days).</summary>
public readonly partial record struct LookBack(int Amount, char Unit)
{
    public static bool TryParse(string? text, out LookBack value)
    {
        value = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is < 1 or > 1200)
        {
            return false;
        }

        value = new LookBack(amount, char.ToLowerInvariant(match.Groups[2].Value[0]));
        return true;
    }

    /// <summary>The first day inside the period that ends on <paramref name="asOf"/>: 12m before 2026-11-30 is 2025-12-01.</summary>
    public DateOnly Start(DateOnly asOf) => Unit switch
    {
        'm' => asOf.AddMonths(-Amount).AddDays(1),
        'w' => asOf.AddDays((-7 * Amount) + 1),
        _ => asOf.AddDays(-Amount + 1),
    };

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit;

    [GeneratedRegex(@"^([0-9]{1,4})\s*([mMwWdD])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
