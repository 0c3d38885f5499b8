using System.Collections.Immutable;

namespace AuditKit.Templates;

/// <summary>Where a <see cref="GradeScale"/> came from.</summary>
public enum GradeScaleSource
{
    /// <summary>A <c>grades:</c> list in the template or one of its rule sets.</summary>
    Declared,

    /// <summary>No list, and every grade is one of Ofsted's four: their order, Outstanding first.</summary>
    Ofsted,

    /// <summary>No list, and some grade is not Ofsted's: the order the grading rows first give each grade.</summary>
    AsWritten,
}

/// <summary>
/// The grades of a template from best to worst: the order every output lists grades in (console, workbook, report, the
/// form's drop-down). Grading rows are tried in order and the first that holds wins, so their order says which test
/// comes first (a critical standard not met makes a case Inadequate whatever its score), not which grade is better.
/// </summary>
/// <remarks>
/// The scale is, in turn: the first <c>grades:</c> list (the template's own, then each rule set's in <c>rules:</c>
/// order); else, when every grade the rows give is one of Ofsted's four (Outstanding, Good, Requires improvement,
/// Inadequate, in any case), those in Ofsted's order; else the grades in the order the grading rows first give them.
/// It holds only grades the rules can give (and, when declared, every grade listed). summary.json's <c>grades</c>
/// objects are not ordered by it: JSON object order carries no meaning.
/// </remarks>
public sealed class GradeScale
{
    private GradeScale(ImmutableArray<string> grades, GradeScaleSource source)
    {
        Grades = grades;
        Source = source;
    }

    /// <summary>Ofsted's four-point scale, best first.</summary>
    public static ImmutableArray<string> OfstedGrades { get; } = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

    /// <summary>The grades, best first, each once, spelt as the rules spell them.</summary>
    public ImmutableArray<string> Grades { get; }

    public GradeScaleSource Source { get; }

    /// <summary>The scale of a template's effective rules (<see cref="AuditTemplate.EffectiveRules"/>).</summary>
    public static GradeScale For(RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var given = rules.Grading.Select(g => g.Grade).Distinct(StringComparer.Ordinal).ToList();
        if (!rules.Grades.IsEmpty)
        {
            return new GradeScale(rules.Grades, GradeScaleSource.Declared);
        }

        if (given.Count > 0 && given.All(g => OfstedRank(g) >= 0))
        {
            return new GradeScale([.. given.OrderBy(OfstedRank)], GradeScaleSource.Ofsted);
        }

        return new GradeScale([.. given], GradeScaleSource.AsWritten);
    }

    /// <summary>The place of <paramref name="grade"/> on the scale (0 is the best), or -1 when it is not on it.</summary>
    public int Rank(string grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        for (var i = 0; i < Grades.Length; i++)
        {
            if (string.Equals(Grades[i], grade, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="grades"/> (for example the keys of a grade count) each once, in scale order, any grade not on the
    /// scale after them in ordinal order.
    /// </summary>
    public IReadOnlyList<string> Order(IEnumerable<string> grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        return [.. grades.Distinct(StringComparer.Ordinal)
            .OrderBy(g => Rank(g) is var rank and >= 0 ? rank : int.MaxValue)
            .ThenBy(g => g, StringComparer.Ordinal)];
    }

    /// <summary>Every grade of the scale, then any other of <paramref name="seen"/> (grades counted but not on the scale).</summary>
    public IReadOnlyList<string> WithOthers(IEnumerable<string> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return Order(Grades.Concat(seen));
    }

    private static int OfstedRank(string grade)
    {
        for (var i = 0; i < OfstedGrades.Length; i++)
        {
            if (string.Equals(OfstedGrades[i], grade.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
