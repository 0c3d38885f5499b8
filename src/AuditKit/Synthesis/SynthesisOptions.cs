namespace AuditKit.Synthesis;

/// <summary>
/// What <see cref="SubmissionSynthesizer"/> writes: how many rows, from which seed, over how many teams and months.
/// </summary>
/// <param name="Count">Rows to write, broken rows included.</param>
/// <param name="Seed">The same template, options and seed always give the same bytes.</param>
public sealed record SynthesisOptions(int Count, int Seed)
{
    /// <summary>The month used when none is given: November 2026.</summary>
    public static DateOnly DefaultEndMonth { get; } = new(2026, 11, 1);

    /// <summary>Teams audited (1 to 200). The first teams always span more than one service.</summary>
    public int Teams { get; init; } = 6;

    /// <summary>Calendar months covered, ending with <see cref="EndMonth"/> (1 to 120).</summary>
    public int Months { get; init; } = 3;

    /// <summary>The last month audited; only its year and month are used.</summary>
    public DateOnly EndMonth { get; init; } = DefaultEndMonth;

    /// <summary>Share of optional cells left blank (0 to 0.5). Required columns, answers and facts are never blank.</summary>
    public double BlankShare { get; init; } = 0.02;

    /// <summary>
    /// Share of Partly and No answers that carry a short comment (0 to 1). When 0 (the default) no
    /// <c>&lt;criterion&gt;_comment</c> columns are written at all.
    /// </summary>
    public double CommentShare { get; init; }

    /// <summary>
    /// Rows made deliberately invalid, each in one way (a bad date, an answer outside the allowed values,
    /// a blank required answer, an unknown case type, a duplicate audit id with different content), spread
    /// evenly through the file. At most half of <see cref="Count"/>.
    /// </summary>
    public int BrokenRows { get; init; }

    /// <summary>Every problem with these options, naming the option; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Count < 0)
        {
            problems.Add("Count must not be negative.");
        }

        if (Teams is < 1 or > 200)
        {
            problems.Add("Teams must be between 1 and 200.");
        }

        if (Months is < 1 or > 120)
        {
            problems.Add("Months must be between 1 and 120.");
        }

        if (EndMonth.Year < 1900 || EndMonth.Year > 9000)
        {
            problems.Add("EndMonth must lie between the years 1900 and 9000.");
        }

        if (!(BlankShare >= 0 && BlankShare <= 0.5))
        {
            problems.Add("BlankShare must be between 0 and 0.5.");
        }

        if (!(CommentShare >= 0 && CommentShare <= 1))
        {
            problems.Add("CommentShare must be between 0 and 1.");
        }

        if (BrokenRows < 0 || (long)BrokenRows * 2 > Count)
        {
            problems.Add("BrokenRows must be between 0 and half of Count.");
        }

        return problems;
    }
}
