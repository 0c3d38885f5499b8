namespace AuditKit.Templates;

/// <summary>Whether a criterion is answered by the auditor or computed from facts.</summary>
public static class CriterionAnswering
{
    /// <summary>
    /// True when the auditor answers the criterion: it has no <c>met_when</c>, or one of its expressions
    /// reads the name <c>answer</c>. A computed criterion (its <c>met_when</c> reads only facts) needs no answer column.
    /// </summary>
    public static bool TakesAnswer(this CriterionDefinition criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return criterion.MetWhen is null
            || ReadsName(criterion.MetWhen.Text, "answer")
            || (criterion.PartlyWhen is not null && ReadsName(criterion.PartlyWhen.Text, "answer"))
            || (criterion.AppliesWhen is not null && ReadsName(criterion.AppliesWhen.Text, "answer"));
    }

    /// <summary>True when <paramref name="name"/> appears as a name (not inside quoted text) in <paramref name="expression"/>.</summary>
    public static bool ReadsName(string expression, string name)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(name);
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c == '\'')
            {
                var close = expression.IndexOf('\'', i + 1);
                i = close < 0 ? expression.Length : close + 1;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] == '_'))
                {
                    i++;
                }

                if (expression.AsSpan(start, i - start).SequenceEqual(name))
                {
                    return true;
                }

                continue;
            }

            i++;
        }

        return false;
    }
}
