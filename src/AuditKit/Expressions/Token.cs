namespace AuditKit.Expressions;

internal enum TokenKind
{
    End,
    Number,
    Text,
    Name,
    True,
    False,
    And,
    Or,
    Not,
    In,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
}

/// <summary>One token: its kind, where it sits in the expression text, and its value for literals and names.</summary>
/// <param name="Start">Offset of the first character in the expression text.</param>
/// <param name="Length">Number of characters, quotes included.</param>
/// <param name="Text">The name, or the text literal's content with '' turned into one quote.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string? Text = null, double Number = 0)
{
    public int End => Start + Length;

    /// <summary>How the token is shown in messages.</summary>
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Number => "a number",
        TokenKind.Text => "a text value",
        TokenKind.Name => "a name",
        TokenKind.True => "'true'",
        TokenKind.False => "'false'",
        TokenKind.And => "'and'",
        TokenKind.Or => "'or'",
        TokenKind.Not => "'not'",
        TokenKind.In => "'in'",
        TokenKind.Equal => "'='",
        TokenKind.NotEqual => "'!='",
        TokenKind.Less => "'<'",
        TokenKind.LessOrEqual => "'<='",
        TokenKind.Greater => "'>'",
        TokenKind.GreaterOrEqual => "'>='",
        TokenKind.Plus => "'+'",
        TokenKind.Minus => "'-'",
        TokenKind.Star => "'*'",
        TokenKind.Slash => "'/'",
        TokenKind.OpenParen => "'('",
        TokenKind.CloseParen => "')'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.Comma => "','",
        _ => kind.ToString(),
    };
}
