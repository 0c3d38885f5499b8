using AuditKit.Diagnostics;
using AuditKit.Expressions;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>
/// Reads the keys of one YAML mapping: reports unknown keys when opened, then hands out typed values,
/// reporting missing, empty and mistyped ones. Every getter returns null after reporting a problem.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private MappingReader(YamlMappingNode node, YamlSource source, DiagnosticBag bag, string owner)
    {
        _node = node;
        Source = source;
        Bag = bag;
        Owner = owner;
    }

    public YamlSource Source { get; }

    public DiagnosticBag Bag { get; }

    /// <summary>What this mapping is, for messages: "the template", "criterion 'seen_alone'".</summary>
    public string Owner { get; set; }

    public SourceLocation Location => Source.At(_node);

    /// <summary>Reports unknown keys and keys that are not text, and returns a reader for the known ones.</summary>
    public static MappingReader Open(YamlMappingNode node, YamlSource source, DiagnosticBag bag, string owner, IReadOnlyCollection<string> allowed)
    {
        var reader = new MappingReader(node, source, bag, owner);
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalarKey)
            {
                bag.Add(Messages.Templates.KeyNotText(source.At(key), YamlValues.Describe(key)));
                continue;
            }

            var name = scalarKey.Value ?? string.Empty;
            if (name.StartsWith(GuardedParser.RenamedKeyMark))
            {
                continue; // a repeated key, already reported by the parser
            }

            if (!allowed.Contains(name))
            {
                bag.Add(Messages.Templates.UnknownKey(source.At(key), name, allowed));
                continue;
            }

            reader._entries.TryAdd(name, (scalarKey, value));
        }

        return reader;
    }

    /// <summary>Opens <paramref name="node"/> as a mapping, or reports that it is something else and returns null.</summary>
    public static MappingReader? OpenItem(YamlNode node, string listKey, YamlSource source, DiagnosticBag bag, string owner, IReadOnlyCollection<string> allowed)
    {
        if (node is YamlMappingNode mapping)
        {
            return Open(mapping, source, bag, owner, allowed);
        }

        if (YamlValues.IsAliasStandIn(node))
        {
            return null;
        }

        bag.Add(Messages.Templates.WrongItemKind(source.At(node), listKey, "a mapping", YamlValues.Describe(node)));
        return null;
    }

    /// <summary>True when the key is given with a value that is not empty.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    public SourceLocation KeyAt(string key) => _entries.TryGetValue(key, out var entry) ? Source.At(entry.Key) : Location;

    /// <summary>Where the value of <paramref name="key"/> is, or the key itself when the value is empty.</summary>
    public SourceLocation ValueAt(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return Location;
        }

        return entry.Value is YamlScalarNode s && YamlValues.IsNull(s) ? Source.At(entry.Key) : Source.At(entry.Value);
    }

    /// <summary>The value node, or null when the key is absent or its value empty (reported when required).</summary>
    public YamlNode? Node(string key, bool required = false)
    {
        if (!_entries.TryGetValue(key, out var entry) || YamlValues.IsAliasStandIn(entry.Value))
        {
            if (required)
            {
                Bag.Add(Messages.Templates.MissingKey(Location, key, Owner));
            }

            return null;
        }

        if (entry.Value is YamlScalarNode s && YamlValues.IsNull(s))
        {
            if (required)
            {
                Bag.Add(Messages.Templates.EmptyValue(Source.At(entry.Key), key));
            }

            return null;
        }

        return entry.Value;
    }

    /// <summary>The scalar at <paramref name="key"/>, or null (after a diagnostic when it is another kind of node).</summary>
    private YamlScalarNode? ScalarNode(string key, bool required, string expected)
    {
        var node = Node(key, required);
        if (node is null or YamlScalarNode)
        {
            return node as YamlScalarNode;
        }

        Bag.Add(Messages.Templates.WrongKind(Source.At(node), key, expected, YamlValues.Describe(node)));
        return null;
    }

    /// <summary>A scalar value exactly as written (no trimming), for ids and names.</summary>
    public string? Scalar(string key, bool required = false)
    {
        if (ScalarNode(key, required, "text") is not { } scalar)
        {
            return null;
        }

        if (scalar.Value is null || scalar.Value.Length == 0)
        {
            Bag.Add(Messages.Templates.EmptyValue(Source.At(scalar), key));
            return null;
        }

        return scalar.Value;
    }

    /// <summary>Text with surrounding white space removed (block scalars end with a line break).</summary>
    public string? Text(string key, bool required = false)
    {
        if (ScalarNode(key, required, "text") is not { } scalar)
        {
            return null;
        }

        var text = (scalar.Value ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            Bag.Add(Messages.Templates.EmptyValue(Source.At(scalar), key));
            return null;
        }

        return text;
    }

    public bool? Bool(string key)
    {
        if (ScalarNode(key, required: false, "true or false") is not { } scalar)
        {
            return null;
        }

        if (YamlValues.TryBool(scalar, out var value))
        {
            return value;
        }

        Bag.Add(Messages.Templates.NotABoolean(Source.At(scalar), key, scalar.Value ?? string.Empty, YamlValues.IsQuotedOrText(scalar)));
        return null;
    }

    /// <summary>A number in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public double? Number(string key, double min, double max, string range, bool required = false)
    {
        if (NumberNode(key, required, whole: false) is not { } found)
        {
            return null;
        }

        var (scalar, value) = found;

        if (value < min || value > max)
        {
            Bag.Add(Messages.Templates.OutOfRange(Source.At(scalar), key, scalar.Value ?? string.Empty, range));
            return null;
        }

        return value;
    }

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public int? Integer(string key, int min, int max, string range, bool required = false)
    {
        if (NumberNode(key, required, whole: true) is not { } found)
        {
            return null;
        }

        var (scalar, value) = found;

        if (value < min || value > max)
        {
            Bag.Add(Messages.Templates.OutOfRange(Source.At(scalar), key, scalar.Value ?? string.Empty, range));
            return null;
        }

        return (int)value;
    }

    /// <summary>The items of a list; an empty value reads as an empty list; null when absent or not a list.</summary>
    public IReadOnlyList<YamlNode>? List(string key, bool required = false)
    {
        if (!_entries.TryGetValue(key, out var entry) || YamlValues.IsAliasStandIn(entry.Value))
        {
            if (required)
            {
                Bag.Add(Messages.Templates.MissingKey(Location, key, Owner));
            }

            return null;
        }

        switch (entry.Value)
        {
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            case YamlScalarNode s when YamlValues.IsNull(s):
                return [];
            default:
                Bag.Add(Messages.Templates.WrongKind(Source.At(entry.Value), key, "a list", YamlValues.Describe(entry.Value)));
                return null;
        }
    }

    public MappingReader? Mapping(string key, string owner, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Bag.Add(Messages.Templates.WrongKind(Source.At(node), key, "a mapping", YamlValues.Describe(node)));
            return null;
        }

        return Open(mapping, Source, Bag, owner, allowed);
    }

    /// <summary>An expression, with the file position of each of its characters.</summary>
    public ExpressionSource? Expression(string key, bool required = false)
    {
        if (ScalarNode(key, required, "an expression (text)") is not { } scalar)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            Bag.Add(Messages.Templates.EmptyValue(Source.At(scalar), key));
            return null;
        }

        return ScalarPositions.ToExpression(Source, scalar);
    }

    public Role? Role(string key, bool required = false)
    {
        var text = Scalar(key, required);
        if (text is null)
        {
            return null;
        }

        if (RoleNames.TryParse(text, out var role))
        {
            return role;
        }

        Bag.Add(Messages.Templates.UnknownRole(ValueAt(key), key, text, [.. RoleNames.All]));
        return null;
    }

    private (YamlScalarNode Scalar, double Value)? NumberNode(string key, bool required, bool whole)
    {
        if (ScalarNode(key, required, whole ? "a whole number" : "a number") is not { } scalar)
        {
            return null;
        }

        var text = scalar.Value ?? string.Empty;
        var quoted = YamlValues.IsQuotedOrText(scalar);
        if (quoted || !YamlValues.TryNumber(text, out var value) || (whole && !YamlValues.IsInteger(text)))
        {
            Bag.Add(Messages.Templates.NotANumber(Source.At(scalar), key, text, quoted && YamlValues.TryNumber(text, out _), whole));
            return null;
        }

        return (scalar, value);
    }
}
