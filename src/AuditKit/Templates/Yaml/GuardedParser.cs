using AuditKit.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AuditKit.Templates.Yaml;

/// <summary>
/// Sits between the YAML parser and the representation model so that one bad spot does not hide the rest:
/// a repeated key is reported and renamed (the model would otherwise stop at it), an alias is reported and
/// replaced by an empty value (so that no node is shared and nothing can expand), a second document is reported,
/// and nesting deeper than <see cref="MaxDepth"/> stops the load (the model builds nodes recursively).
/// </summary>
internal sealed class GuardedParser : IParser
{
    public const int MaxDepth = 64;

    /// <summary>Renamed repeated keys start with this character, which YAML text cannot hold as-is.</summary>
    public const char RenamedKeyMark = '\0';

    private readonly IParser _inner;
    private readonly YamlSource _source;
    private readonly DiagnosticBag _bag;
    private readonly Stack<Frame> _frames = new();
    private int _documents;
    private int _renamed;

    public GuardedParser(IParser inner, YamlSource source, DiagnosticBag bag)
    {
        _inner = inner;
        _source = source;
        _bag = bag;
    }

    public ParsingEvent? Current { get; private set; }

    /// <summary>Where the last event read ended: the best place to report a parser failure that names none.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            Current = null;
            return false;
        }

        var e = _inner.Current!; // MoveNext returned true, so the parser holds an event.
        switch (e)
        {
            case DocumentStart:
                _documents++;
                if (_documents == 2)
                {
                    _bag.Add(Messages.Templates.SeveralDocuments(_source.At(e.Start)));
                }

                break;
            case MappingStart:
            case SequenceStart:
                _frames.Push(new Frame(e is MappingStart));
                if (_frames.Count > MaxDepth)
                {
                    throw new NestingTooDeepException(e.Start);
                }

                break;
            case MappingEnd:
            case SequenceEnd:
                if (_frames.Count > 0)
                {
                    _frames.Pop();
                }

                NodeDone();
                break;
            case Scalar scalar:
                e = CheckKey(scalar);
                NodeDone();
                break;
            case AnchorAlias alias:
                _bag.Add(Messages.Templates.Alias(_source.At(alias.Start)));
                e = new Scalar(AnchorName.Empty, new TagName(YamlValues.AliasStandInTag), string.Empty, ScalarStyle.Plain, false, false, alias.Start, alias.End);
                NodeDone();
                break;
        }

        Current = e;
        LastEnd = e.End;
        return true;
    }

    private Scalar CheckKey(Scalar scalar)
    {
        if (_frames.Count == 0 || !_frames.Peek().IsMapping || !_frames.Peek().ExpectKey)
        {
            return scalar;
        }

        var keys = _frames.Peek().Keys;
        if (keys.TryGetValue(scalar.Value, out var firstLine))
        {
            _bag.Add(Messages.Templates.DuplicateKey(_source.At(scalar.Start), scalar.Value, firstLine));
            _renamed++;
            return new Scalar(
                scalar.Anchor,
                scalar.Tag,
                RenamedKeyMark + _renamed.ToString(System.Globalization.CultureInfo.InvariantCulture) + scalar.Value,
                scalar.Style,
                scalar.IsPlainImplicit,
                scalar.IsQuotedImplicit,
                scalar.Start,
                scalar.End);
        }

        keys[scalar.Value] = (int)scalar.Start.Line;
        return scalar;
    }

    private void NodeDone()
    {
        if (_frames.Count > 0 && _frames.Peek().IsMapping)
        {
            var frame = _frames.Peek();
            frame.ExpectKey = !frame.ExpectKey;
        }
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = true;

        public Dictionary<string, int> Keys { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Stops a load whose nesting is deeper than the model can build safely.</summary>
internal sealed class NestingTooDeepException(Mark at) : Exception("YAML nesting is too deep.")
{
    public Mark At { get; } = at;
}
