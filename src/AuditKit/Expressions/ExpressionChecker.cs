using AuditKit.Diagnostics;

namespace AuditKit.Expressions;

/// <summary>Parses and type-checks one expression against the names of its scope.</summary>
internal static class ExpressionChecker
{
    /// <summary>
    /// The checked expression, or null when it has a problem (reported to <paramref name="diagnostics"/>) or
    /// reads a name that cannot be known yet (a stand-alone rule set).
    /// </summary>
    /// <param name="conditionKey">The template key when the expression must be true/false (<c>when</c>, <c>met_when</c>...); null otherwise.</param>
    public static BoundNode? Check(ExpressionSource source, NameTable names, DiagnosticBag diagnostics, string? conditionKey)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var syntax = Parser.Parse(source, diagnostics);
        if (syntax is null)
        {
            return null;
        }

        var bound = TypeChecker.Check(syntax, source, names, diagnostics);
        if (bound is null || conditionKey is null || bound.Type == ExprType.Bool)
        {
            return bound;
        }

        var message = Messages.ExprConditionNotBool(conditionKey, bound.Type.Display());
        diagnostics.Error(message.Code, source.LocationOf(bound.Start), message.Text);
        return null;
    }
}
