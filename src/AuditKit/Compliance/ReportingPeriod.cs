using System.Globalization;

namespace AuditKit.Compliance;

/// <summary>How long the periods are that a template's team and service figures are worked out for.</summary>
public enum PeriodLength
{
    /// <summary>Calendar months, named <c>2026-11</c> (the default).</summary>
    Month,

    /// <summary>Calendar quarters (January to March is Q1), named <c>2026-Q4</c>.</summary>
    Quarter,
}

/// <summary>A calendar month or quarter: the stretch of audit dates whose audits make one period's figures.</summary>
/// <param name="Number">The month (1 to 12) or the quarter (1 to 4).</param>
public readonly record struct ReportingPeriod(int Year, int Number, PeriodLength Length) : IComparable<ReportingPeriod>
{
    /// <summary>The period of <paramref name="length"/> that <paramref name="date"/> falls in.</summary>
    public static ReportingPeriod Of(DateOnly date, PeriodLength length) =>
        new(date.Year, length == PeriodLength.Quarter ? ((date.Month - 1) / 3) + 1 : date.Month, length);

    /// <summary>The first day of the period.</summary>
    public DateOnly First => new(Year, Length == PeriodLength.Quarter ? ((Number - 1) * 3) + 1 : Number, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly Last => First.AddMonths(Length == PeriodLength.Quarter ? 3 : 1).AddDays(-1);

    /// <summary><c>2026-11</c> for a month, <c>2026-Q4</c> for a quarter.</summary>
    public string Name => Length == PeriodLength.Quarter
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}");

    /// <summary>The next period of the same length.</summary>
    public ReportingPeriod Next => Of(Last.AddDays(1), Length);

    /// <summary>The period of the same length before this one.</summary>
    public ReportingPeriod Previous => Of(First.AddDays(-1), Length);

    public override string ToString() => Name;

    public int CompareTo(ReportingPeriod other) => First.CompareTo(other.First);

    /// <summary>Reads <c>yyyy-MM</c> (a month) or <c>yyyy-Qn</c> (a quarter, either case).</summary>
    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            if ((t[5] is 'Q' or 'q') && t[6] is >= '1' and <= '4')
            {
                period = new ReportingPeriod(year, t[6] - '0', PeriodLength.Quarter);
                return true;
            }

            if (int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                period = new ReportingPeriod(year, month, PeriodLength.Month);
                return true;
            }
        }

        return false;
    }
}
