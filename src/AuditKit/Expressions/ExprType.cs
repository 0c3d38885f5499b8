namespace AuditKit.Expressions;

/// <summary>The static type of an expression or a name.</summary>
public enum ExprType
{
    Number,
    Text,
    Bool,
    Date,
}

public static class ExprTypeNames
{
    /// <summary>The word users see in messages.</summary>
    public static string Display(this ExprType type) => type switch
    {
        ExprType.Number => "number",
        ExprType.Text => "text",
        ExprType.Bool => "true/false",
        ExprType.Date => "date",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
