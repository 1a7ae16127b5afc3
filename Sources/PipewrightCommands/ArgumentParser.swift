import Pipewright

/// The command line's grammar: a hand-written parser, so the tool that hardens supply chains brings
/// no package of its own. Options are `--name value`, `--name=value` or flags; `--` ends options.

/// One option a command accepts.
public struct OptionSpec: Sendable, Hashable {
    /// The option with its dashes, e.g. `--config`.
    public let name: String
    /// The value's placeholder, e.g. `FILE`; `nil` for a flag.
    public let valueName: String?
    /// One line of help.
    public let help: String

    /// An option that takes a value.
    public static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }

    /// A flag.
    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }
}

/// What a command accepts, and the text its `--help` prints.
public struct CommandSpec: Sendable {
    public let name: String
    public let summary: String
    /// Positional arguments, e.g. `["NAME"]`; a trailing `?` marks one optional, and a last one named
    /// `NAME...` takes any number.
    public let arguments: [String]
    public let options: [OptionSpec]
    /// Paragraphs printed after the options.
    public let discussion: String

    /// Creates a command spec.
    public init(name: String, summary: String, arguments: [String] = [], options: [OptionSpec], discussion: String = "") {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.options = options + [.flag("--help", "Show this help.")]
        self.discussion = discussion
    }

    /// How a command is typed: `pipewright NAME` for a subcommand, the name alone for a program of its own
    /// (`pipewright-self`, whose name starts with `pipewright-`).
    public static func invocation(of name: String) -> String {
        name.hasPrefix("pipewright-") ? name : "pipewright " + name
    }

    /// The usage line, e.g. `pipewright generate [--config FILE] [--check]`.
    public var usage: String {
        var parts = [Self.invocation(of: name)]
        parts += options.filter { $0.name != "--help" }.map { "[" + $0.name + ($0.valueName.map { " " + $0 } ?? "") + "]" }
        parts += arguments.map { $0.hasSuffix("?") ? "[" + $0.dropLast() + "]" : $0 }
        return parts.joined(separator: " ")
    }

    /// The full help text.
    public var help: String {
        var text = summary + "\n\nUsage: " + usage + "\n\nOptions:\n"
        let width = (options.map { $0.name.count + ($0.valueName?.count ?? -1) + 1 }.max() ?? 0) + 2
        for option in options {
            let left = option.name + (option.valueName.map { " " + $0 } ?? "")
            text += "  " + left + String(repeating: " ", count: max(1, width - left.count)) + option.help + "\n"
        }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        return text
    }
}

/// Parsed arguments of one command.
public struct ParsedArguments: Sendable, Equatable {
    /// Values of options that take one, by option name.
    public var values: [String: String] = [:]
    /// Flags that were given.
    public var flags: Set<String> = []
    /// Positional arguments, in order.
    public var positionals: [String] = []

    /// The value of an option, if given.
    public subscript(option: String) -> String? { values[option] }
    /// Whether a flag was given.
    public func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A command line that does not fit the grammar: exit code 64.
public enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(String, valueName: String)
    case flagTakesNoValue(String)
    case repeatedOption(String)
    case unexpectedArgument(String, command: String)
    case missingArgument(String, command: String)
    case unknownCommand(String, suggestion: String?)

    public var description: String {
        switch self {
        case .unknownOption(let option, let command, let suggestion):
            return "unknown option '\(option)' for '\(command)'" + (suggestion.map { " — did you mean '\($0)'?" } ?? "") + " (see '\(CommandSpec.invocation(of: command)) --help')"
        case .missingValue(let option, let valueName):
            return "option '\(option)' needs a value: \(option) \(valueName)"
        case .flagTakesNoValue(let option):
            return "option '\(option)' is a flag and takes no value"
        case .repeatedOption(let option):
            return "option '\(option)' is given more than once"
        case .unexpectedArgument(let argument, let command):
            return "unexpected argument '\(argument)' for '\(command)' (see '\(CommandSpec.invocation(of: command)) --help')"
        case .missingArgument(let name, let command):
            return "'\(command)' needs \(name) (see '\(CommandSpec.invocation(of: command)) --help')"
        case .unknownCommand(let command, let suggestion):
            return "unknown command '\(command)'" + (suggestion.map { " — did you mean '\($0)'?" } ?? "") + " (see 'pipewright --help')"
        }
    }
}

/// Parses the arguments after the command name against its spec.
public func parseArguments(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
        let argument = arguments[index]
        index += 1
        if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
            parsed.positionals.append(argument)
            continue
        }
        if argument == "--" {
            optionsEnded = true
            continue
        }
        let name: String
        var inlineValue: String?
        if let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        } else {
            name = argument == "-h" ? "--help" : argument
        }
        guard let option = spec.options.first(where: { $0.name == name }) else {
            throw .unknownOption(name, command: spec.name, suggestion: Suggestion.closest(to: name, in: spec.options.map(\.name)))
        }
        guard let valueName = option.valueName else {
            if inlineValue != nil { throw .flagTakesNoValue(name) }
            parsed.flags.insert(name)
            continue
        }
        if parsed.values[name] != nil { throw .repeatedOption(name) }
        if let inlineValue {
            parsed.values[name] = inlineValue
        } else if index < arguments.count, !arguments[index].hasPrefix("--") {
            parsed.values[name] = arguments[index]
            index += 1
        } else {
            throw .missingValue(name, valueName: valueName)
        }
    }
    if parsed.has("--help") { return parsed }
    let required = spec.arguments.filter { !$0.hasSuffix("?") }
    if parsed.positionals.count < required.count {
        throw .missingArgument(required[parsed.positionals.count], command: spec.name)
    }
    // A last argument named `NAME...` (or `NAME...?`) takes every remaining positional.
    let variadic = spec.arguments.last.map { $0.hasSuffix("...") || $0.hasSuffix("...?") } ?? false
    if !variadic && parsed.positionals.count > spec.arguments.count {
        throw .unexpectedArgument(parsed.positionals[spec.arguments.count], command: spec.name)
    }
    return parsed
}
