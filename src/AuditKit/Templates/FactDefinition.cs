using System.Collections.Immutable;
using AuditKit.Diagnostics;

namespace AuditKit.Templates;

public enum FactType
{
    Number,
    Date,
    Text,
    Bool,
    Choice,
}

/// <summary>A fact recorded from the case file (not a judgement), such as the child's age or a visit date.</summary>
public sealed record FactDefinition
{
    public required string Id { get; init; }

    public required FactType Type { get; init; }

    /// <summary>Allowed values for <see cref="FactType.Choice"/>; empty otherwise.</summary>
    public ImmutableArray<string> Choices { get; init; } = [];

    public bool Required { get; init; }

    /// <summary>A short heading for forms (extension; defaults to the id).</summary>
    public string? Label { get; init; }

    /// <summary>Free text shown to auditors (extension).</summary>
    public string? Guidance { get; init; }

    public SourceLocation Location { get; init; }
}
