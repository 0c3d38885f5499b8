using System.Globalization;
using System.Text;

namespace AuditKit.FollowUps;

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
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            result.Append(name switch
            {
                "team" => values.Team ?? string.Empty,
                "case_ref" => values.CaseRef ?? string.Empty,
                "criterion" => values.Criterion ?? string.Empty,
                "criterion_text" => values.CriterionText ?? string.Empty,
                "compliance" => Percent(values.Compliance),
                "target" => Percent(values.Target),
                _ => template.Substring(open, close - open + 1),
            });
            i = close + 1;
        }

        return result.ToString();
    }

    /// <summary>0.834 -> "83%"; 0.8345 -> "83.5%"; null -> "n/a".</summary>
    public static string Percent(double? fraction)
    {
        if (fraction is not { } f)
        {
            return "n/a";
        }

        var percent = Math.Round(f * 100, 1, MidpointRounding.AwayFromZero);
        return percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}
