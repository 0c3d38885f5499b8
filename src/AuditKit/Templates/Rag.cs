namespace AuditKit.Templates;

/// <summary>Red, Amber or Green against a target.</summary>
public enum Rag
{
    Green,
    Amber,
    Red,
}

public static class RagRating
{
    /// <summary>Green at or above target, Amber within the margin below it, else Red; null when there is no compliance.</summary>
    public static Rag? Rate(double? compliance, double target, double amberMargin)
    {
        if (compliance is not { } c)
        {
            return null;
        }

        // Compare with a small tolerance so that 0.8 computed as 4/5 is not read as below 0.8.
        const double Epsilon = 1e-9;
        if (c + Epsilon >= target)
        {
            return Rag.Green;
        }

        return c + Epsilon >= target - amberMargin ? Rag.Amber : Rag.Red;
    }
}

/// <summary>The spelling of <see cref="Rag"/> in expressions, outputs and the store: <c>Green</c>, <c>Amber</c>, <c>Red</c>.</summary>
public static class RagNames
{
    public static string Name(Rag rag) => rag switch
    {
        Rag.Green => "Green",
        Rag.Amber => "Amber",
        _ => "Red",
    };

    public static bool TryParse(string? text, out Rag rag)
    {
        switch (text)
        {
            case "Green": rag = Rag.Green; return true;
            case "Amber": rag = Rag.Amber; return true;
            case "Red": rag = Rag.Red; return true;
            default: rag = default; return false;
        }
    }
}
