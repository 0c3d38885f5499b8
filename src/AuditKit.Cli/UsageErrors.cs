using System.CommandLine;
using System.CommandLine.Parsing;
using AuditKit.Diagnostics;

namespace AuditKit.Cli;

/// <summary>
/// What is wrong with a command line, one line per problem, naming the option and how to put it right: an option
/// the command does not have (with the closest one it has), an option given without its value, a value of the wrong
/// kind, a required option left out, a command not given. Replaces the parser's own messages and help dump.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The lines to print for a parse that failed, each starting with "error: ", then where to find help.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        var lines = new List<string>();
        foreach (var token in parsed.UnmatchedTokens)
        {
            lines.Add(Unmatched(token, command, path));
        }

        foreach (var error in parsed.Errors)
        {
            if (Describe(error, command, path, parsed) is { } line && !lines.Contains(line))
            {
                lines.Add(line);
            }
        }

        lines.Add($"Run '{path} --help' to see every option, with examples in the README.");
        return lines;
    }

    private static string? Describe(ParseError error, Command command, string path, ParseResult parsed)
    {
        switch (error.SymbolResult)
        {
            case ArgumentResult { Parent: OptionResult option } argument when argument.Tokens.Count > 0:
                return BadValue(option.Option, argument.Tokens[^1].Value);
            case OptionResult option when option.Tokens.Count > 0:
                return BadValue(option.Option, option.Tokens[^1].Value);
            case ArgumentResult { Parent: OptionResult { IdentifierTokenCount: 0 } option }:
                return Required(option.Option);
            case OptionResult { IdentifierTokenCount: 0 } option:
                return Required(option.Option);
            case ArgumentResult { Parent: OptionResult option }:
                return NoValue(option.Option);
            case OptionResult option:
                return NoValue(option.Option);
            case ArgumentResult { Argument: var argument } when argument.Arity.MinimumNumberOfValues > 0 && parsed.GetResult(argument) is not { Tokens.Count: > 0 }:
                return $"error: '{path}' needs {Placeholder(argument.Name)}. {Placeholder(argument.Name)}: {argument.Description}";
        }

        // A required option left out: the parser reports it against the command.
        foreach (var option in command.Options.Where(o => o.Required && parsed.GetResult(o) is null))
        {
            if (error.Message.Contains($"'{option.Name}'", StringComparison.Ordinal))
            {
                return Required(option);
            }
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // A command that only groups others: an unmatched word has its own line, naming the commands.
            return parsed.UnmatchedTokens.Count > 0 ? null : $"error: give a command after '{path}': {OneOf(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.";
        }

        // Unmatched tokens have their own line already.
        return parsed.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) ? null : "error: " + error.Message;
    }

    private static string Unmatched(string token, Command command, string path)
    {
        if (token.StartsWith('-'))
        {
            var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
            var hint = NameSuggestions.Hint(token, names);
            return $"error: '{token}' is not an option of '{path}'.{hint}";
        }

        if (command.Subcommands.Count > 0)
        {
            var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return $"error: '{token}' is not a command of '{path}'.{NameSuggestions.Hint(token, names)} The commands are {OneOf(names)}.";
        }

        return $"error: '{token}' is not expected here: '{path}' takes no more values. If it is a value with spaces, put it in quotes; if it belongs to an option, put it straight after that option.";
    }

    private static string BadValue(Option option, string value)
    {
        var fix = option.ValueType == typeof(int) ? $"is not a whole number; write it in digits, for example {option.Name} 12"
            : option.ValueType == typeof(double) ? $"is not a number; write it in digits with a decimal point, for example {option.Name} 0.5"
            : "is not a value it takes";
        return $"error: {option.Name} '{value}' {fix}. {Usage(option)}";
    }

    private static string NoValue(Option option) => $"error: {option.Name} needs a value straight after it. {Usage(option)}";

    private static string Required(Option option) => $"error: {option.Name} is required. {Usage(option)}";

    /// <summary>"--count &lt;count&gt;: How many audits to write."</summary>
    private static string Usage(Option option)
    {
        var name = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {Placeholder(option.HelpName ?? option.Name.TrimStart('-'))}";
        var description = option.Description ?? string.Empty;
        return description.Length == 0 ? name : $"{name}: {(description.EndsWith('.') ? description : description + ".")}";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult { Command: var command })
            {
                names.Add(command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Placeholder(string name) => $"<{name}>";

    private static string OneOf(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join(string.Empty, list) : $"{string.Join(", ", list.Take(list.Count - 1))} or {list[^1]}";
    }
}
