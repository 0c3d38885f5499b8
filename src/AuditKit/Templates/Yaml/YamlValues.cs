using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>How YAML 1.2 (core schema) reads a scalar: null, booleans, numbers; everything quoted is text.</summary>
internal static partial class YamlValues
{
    /// <summary>The tag of the empty value that stands in for a (reported) alias.</summary>
    public const string AliasStandInTag = "!auditkit-alias";

    /// <summary>True for the stand-in of an alias, which was reported already and should not be reported again.</summary>
    public static bool IsAliasStandIn(YamlNode node) =>
        node is YamlScalarNode { Tag.IsEmpty: false, Tag.IsNonSpecific: false } s && s.Tag.Value == AliasStandInTag;

    public static bool IsQuotedOrText(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
        || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "!!str" or "tag:yaml.org,2002:str");

    public static bool IsNull(YamlScalarNode scalar) =>
        !IsQuotedOrText(scalar) && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(YamlScalarNode scalar, out bool value)
    {
        value = false;
        if (IsQuotedOrText(scalar))
        {
            return false;
        }

        switch (scalar.Value)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                return false;
        }
    }

    /// <summary>A decimal number as YAML 1.2 writes one (no hex, no '.inf').</summary>
    public static bool TryNumber(string text, out double value)
    {
        value = 0;
        return FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public static bool IsInteger(string text) => IntegerPattern().IsMatch(text);

    /// <summary>"a list", "a mapping", "text" or "an empty value", for messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s when IsNull(s) => "an empty value",
        _ => "text",
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();
}
