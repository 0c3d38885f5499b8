using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace AuditKit.Templates;

/// <summary>The values an action text's placeholders can take.</summary>
public sealed record ActionTextValues(
    string? Team = null,
    string? CaseRef = null,
    string? Criterion = null,
    string? CriterionText = null,
    double? Compliance = null,
    double? Target = null);

/// <summary>Fills <c>{team}</c>, <c>{case_ref}</c>, <c>{criterion}</c>, <c>{criterion_text}</c>, <c>{compliance}</c> and <c>{target}</c>.</summary>
public static class ActionText
{
    public static IReadOnlyList<string> Placeholders { get; } =
        ["team", "case_ref", "criterion", "criterion_text", "compliance", "target"];

    public static string Render(string template, ActionTextValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 32);
        foreach (var part in ActionTextParts.Parse(template).Bind(values).Parts)
        {
            result.Append(part.Literal);
        }

        return result.ToString();
    }

    /// <summary>0.834 -> "83.4%"; 0.8345 -> "83.5%"; 0.80 -> "80%"; null -> "n/a".</summary>
    /// <remarks>
    /// Rounded as a spreadsheet rounds what it shows (to 15 significant digits, then half away from zero), so that the
    /// console, report.html and compliance.xlsx (format 0.0%) show the same figure: 0.2875 is 28.8% everywhere, where
    /// rounding the double 28.749999999999996 would give 28.7%.
    /// </remarks>
    public static string Percent(double? fraction)
    {
        if (fraction is not { } f)
        {
            return "n/a";
        }

        if (!double.IsFinite(f) || Math.Abs(f) >= 1e12)
        {
            return (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        }

        // The conversion keeps 15 significant digits, as a spreadsheet does.
        var percent = Math.Round((decimal)f * 100m, 1, MidpointRounding.AwayFromZero);
        return percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}

/// <summary>
/// An action text split once into literal text and placeholders. A case action rule binds everything but
/// <c>{team}</c> and <c>{case_ref}</c> once, so that the case actions of a run (millions of them) are filled in without
/// parsing the text again. Unknown placeholders and a brace that is never closed stay as written.
/// </summary>
internal sealed class ActionTextParts
{
    private ActionTextParts(ImmutableArray<Part> parts) => Parts = parts;

    internal enum Slot
    {
        Literal,
        Team,
        CaseRef,
        Criterion,
        CriterionText,
        Compliance,
        Target,
    }

    public ImmutableArray<Part> Parts { get; }

    /// <summary>A text with no placeholders: <paramref name="text"/> as it is, braces and all.</summary>
    public static ActionTextParts Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ActionTextParts([new Part(Slot.Literal, text)]);
    }

    public static ActionTextParts Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = ImmutableArray.CreateBuilder<Part>();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                parts.Add(new Part(Slot.Literal, template[i..]));
                break;
            }

            if (open > i)
            {
                parts.Add(new Part(Slot.Literal, template[i..open]));
            }

            var whole = template[open..(close + 1)];
            parts.Add(whole[1..^1] switch
            {
                "team" => new Part(Slot.Team, whole),
                "case_ref" => new Part(Slot.CaseRef, whole),
                "criterion" => new Part(Slot.Criterion, whole),
                "criterion_text" => new Part(Slot.CriterionText, whole),
                "compliance" => new Part(Slot.Compliance, whole),
                "target" => new Part(Slot.Target, whole),
                _ => new Part(Slot.Literal, whole),
            });
            i = close + 1;
        }

        return new ActionTextParts(parts.ToImmutable());
    }

    /// <summary>
    /// Fills every placeholder from <paramref name="values"/> except those listed in <paramref name="open"/>, which
    /// stay to be filled later.
    /// </summary>
    public ActionTextParts Bind(ActionTextValues values, params ReadOnlySpan<Slot> open)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bound = ImmutableArray.CreateBuilder<Part>(Parts.Length);
        foreach (var part in Parts)
        {
            if (part.Slot == Slot.Literal || open.Contains(part.Slot))
            {
                bound.Add(part);
                continue;
            }

            bound.Add(new Part(Slot.Literal, part.Slot switch
            {
                Slot.Team => values.Team ?? string.Empty,
                Slot.CaseRef => values.CaseRef ?? string.Empty,
                Slot.Criterion => values.Criterion ?? string.Empty,
                Slot.CriterionText => values.CriterionText ?? string.Empty,
                Slot.Compliance => ActionText.Percent(values.Compliance),
                Slot.Target => ActionText.Percent(values.Target),
                _ => throw new InvalidOperationException($"Unexpected placeholder slot {part.Slot}."),
            }));
        }

        return new ActionTextParts(bound.MoveToImmutable());
    }

    /// <summary>
    /// Writes the text with <c>{team}</c> and <c>{case_ref}</c> filled into <paramref name="buffer"/> (grown when
    /// too small) and returns its length. Other placeholders must have been bound.
    /// </summary>
    public int Fill(ref char[] buffer, ReadOnlySpan<char> team, ReadOnlySpan<char> caseRef)
    {
        var length = 0;
        foreach (var part in Parts)
        {
            var text = part.Slot switch
            {
                Slot.Literal => part.Literal.AsSpan(),
                Slot.Team => team,
                Slot.CaseRef => caseRef,
                _ => throw new InvalidOperationException($"The placeholder {part.Literal} was not bound."),
            };
            if (length + text.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + text.Length));
            }

            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }

        return length;
    }

    /// <summary>The text with <c>{team}</c> and <c>{case_ref}</c> filled. Other placeholders must have been bound.</summary>
    public string Render(string team, string caseRef)
    {
        var buffer = new char[256];
        var length = Fill(ref buffer, team, caseRef);
        return new string(buffer, 0, length);
    }

    /// <summary>Literal text, or a placeholder (with its text as written, braces included).</summary>
    internal readonly record struct Part(Slot Slot, string Literal);
}
