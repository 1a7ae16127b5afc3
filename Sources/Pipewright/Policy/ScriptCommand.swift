/// One simple command of a `run:` script, as far as the rules need it: its words with quotes removed, and
/// how it is connected to the commands around it.
///
/// ``parse(_:)`` is a small tokenizer, not a shell: it knows quotes, backslash continuations, comments,
/// `|`, `||`, `&&`, `;`, `&`, subshells, command and process substitutions (whose commands are reported
/// on their own and noted on the command that holds them), redirections (dropped) and here-documents
/// (skipped). That is enough to read the scripts people write in workflows without a regular expression.
struct ScriptCommand: Sendable, Hashable {
    /// The words, unquoted; a substitution inside a word is kept as `$(…)`.
    let words: [String]
    /// The programs piped into this command, in order: `curl … | tee x | sh` gives `[curl, tee]` for `sh`.
    let upstreamPrograms: [String]
    /// Whether the command runs inside `$(…)`, `<(…)`, `>(…)` or backquotes.
    let inSubstitution: Bool
    /// The programs of the commands inside this command's substitutions: `sh -c "$(curl …)"` notes `curl`.
    let substitutedPrograms: [String]
    /// The 1-based line of the script the command starts on.
    let line: Int

    /// The program run, without its folder: `pip` for `"${RUNNER_TEMP}/venv/bin/pip"`; `nil` for a bare assignment.
    /// Leading `NAME=value` assignments and `sudo`, `env`, `time`, `exec`, `command`, `nohup` are skipped.
    let program: String?

    /// The words after the program.
    let arguments: [String]

    /// A command of these words. The program and its arguments are found once, here: every rule asks for
    /// them of every command, and finding them again on each question was most of an audit's time.
    init(words: [String], upstreamPrograms: [String], inSubstitution: Bool, substitutedPrograms: [String], line: Int) {
        self.words = words
        self.upstreamPrograms = upstreamPrograms
        self.inSubstitution = inSubstitution
        self.substitutedPrograms = substitutedPrograms
        self.line = line
        let programIndex = Self.programIndex(in: words)
        program = programIndex.map { Self.baseName(words[$0]) }
        arguments = programIndex.map { Array(words[($0 + 1)...]) } ?? []
    }

    private static func programIndex(in words: [String]) -> Int? {
        var index = 0
        while index < words.count {
            let word = words[index]
            if isAssignment(word) { index += 1; continue }
            if isPrefixCommand(word) {
                index += 1
                while index < words.count, words[index].hasPrefix("-") { index += 1 }
                continue
            }
            return index
        }
        return nil
    }

    /// `sudo`, `env`, `time`, `exec`, `command` and `nohup`, which run the command after them.
    private static func isPrefixCommand(_ word: String) -> Bool {
        switch word.utf8.count {
        case 3: word == "env"
        case 4: word == "sudo" || word == "time" || word == "exec"
        case 5: word == "nohup"
        case 7: word == "command"
        default: false
        }
    }

    /// The values given to an option: `--tags a b` gives `[a, b]` (up to the next option), `--tags=a` gives `[a]`;
    /// `nil` when the option is absent.
    func values(of option: String) -> [String]? {
        for index in arguments.indices {
            let word = arguments[index]
            if word == option {
                return Array(arguments[(index + 1)...].prefix { !$0.hasPrefix("-") })
            }
            if word.hasPrefix(option + "=") { return [String(word.dropFirst(option.count + 1))] }
        }
        return nil
    }

    /// Whether a flag is given, alone or as `--flag=value`.
    func has(_ flag: String) -> Bool {
        arguments.contains { $0 == flag || $0.hasPrefix(flag + "=") }
    }

    /// For `aws <service> <operation>`: the operation, when the command calls that service.
    func awsOperation(_ service: String) -> String? {
        guard program == "aws", let index = arguments.firstIndex(of: service), index + 1 < arguments.endIndex else { return nil }
        return arguments[index + 1]
    }

    /// For `tool subcommand …` (also through `npx tool`): the subcommand, when the program is `tool`.
    func subcommand(of tool: String) -> String? {
        var arguments = arguments
        if program == "npx" {
            arguments = Array(arguments.drop { $0.hasPrefix("-") })
            guard arguments.first.map(Self.baseName) == tool else { return nil }
            arguments.removeFirst()
        } else if program != tool {
            return nil
        }
        return arguments.first { !$0.hasPrefix("-") }
    }

    /// The word after its last `/`.
    static func baseName(_ word: String) -> String {
        guard let slash = word.utf8.lastIndex(of: UInt8(ascii: "/")) else { return word }
        return String(word[word.utf8.index(after: slash)...])
    }

    /// Whether the word is `NAME=value`: letters, digits and `_` before the first `=`. Read as UTF-8 bytes:
    /// searching the characters for `=` made `program`, which every rule asks of every command, the
    /// costliest part of an audit.
    static func isAssignment(_ word: String) -> Bool {
        assignedName(word) != nil
    }

    /// The name a `NAME=value` word assigns, or `nil` when the word is no assignment.
    static func assignedName(_ word: String) -> Substring? {
        let length: Int? = word.withUTF8Bytes { bytes in
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals > 0 else { return nil }
            let isName = bytes[..<equals].allSatisfy { byte in
                byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
            return isName ? equals : nil
        }
        return length.map { word[..<word.utf8.index(word.utf8.startIndex, offsetBy: $0)] }
    }
}

extension ScriptCommand {
    /// Splits a script into its commands, in the order they finish (a substitution's commands come before
    /// the command that holds them).
    static func parse(_ script: String) -> [ScriptCommand] {
        var tokenizer = ScriptTokenizer(Array(script.utf8))
        tokenizer.run()
        return tokenizer.commands
    }
}

/// The state machine behind ``ScriptCommand/parse(_:)``.
private struct ScriptTokenizer {
    private enum Context { case doubleQuote, substitution, backquote }

    /// A command being read.
    private struct Partial {
        var words: [String] = []
        var word: [UInt8] = []
        var inWord = false
        var upstream: [String] = []
        var inSubstitution = false
        var substituted: [String] = []
        var line = 1
        var dropNextWord = false
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var contexts: [Context] = []
    private var current = Partial()
    private var outer: [(partial: Partial, firstCommand: Int)] = []
    private var pendingHereDocuments: [String] = []
    private(set) var commands: [ScriptCommand] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private func peek(_ offset: Int = 1) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func run() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                if peek() == UInt8(ascii: "\n") { index += 2; line += 1; continue }
                if let next = peek() { append(next); index += 2; continue }
            }
            if contexts.last == .doubleQuote {
                readInDoubleQuotes(byte)
            } else {
                readUnquoted(byte)
            }
        }
        while !outer.isEmpty { closeSubstitution() }
        endCommand(piped: false)
    }

    private mutating func append(_ byte: UInt8) {
        current.word.append(byte)
        current.inWord = true
    }

    private mutating func readInDoubleQuotes(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""):
            contexts.removeLast()
            index += 1
        case UInt8(ascii: "$") where peek() == UInt8(ascii: "(") && peek(2) != UInt8(ascii: "("):
            openSubstitution(width: 2)
        case UInt8(ascii: "`"):
            openSubstitution(width: 1, backquote: true)
        default:
            if byte == UInt8(ascii: "\n") { line += 1 }
            append(byte)
            index += 1
        }
    }

    private mutating func readUnquoted(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""):
            contexts.append(.doubleQuote)
            current.inWord = true
            index += 1
        case UInt8(ascii: "'"):
            current.inWord = true
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                current.word.append(bytes[index])
                index += 1
            }
            index += 1
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            flushWord()
            index += 1
        case UInt8(ascii: "\n"):
            index += 1
            endCommand(piped: false)
            line += 1
            skipHereDocuments()
            current.line = line
        case UInt8(ascii: "#") where !current.inWord:
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        case UInt8(ascii: "|"):
            let next = peek()
            index += next == UInt8(ascii: "|") || next == UInt8(ascii: "&") ? 2 : 1
            endCommand(piped: next != UInt8(ascii: "|"))
        case UInt8(ascii: "&"):
            if peek() == UInt8(ascii: ">") { startRedirection(width: peek(2) == UInt8(ascii: ">") ? 3 : 2); return }
            index += peek() == UInt8(ascii: "&") ? 2 : 1
            endCommand(piped: false)
        case UInt8(ascii: ";"):
            index += 1
            endCommand(piped: false)
        case UInt8(ascii: "$") where peek() == UInt8(ascii: "(") && peek(2) != UInt8(ascii: "("):
            openSubstitution(width: 2)
        case UInt8(ascii: "<") where peek() == UInt8(ascii: "("), UInt8(ascii: ">") where peek() == UInt8(ascii: "("):
            openSubstitution(width: 2)
        case UInt8(ascii: "`"):
            if contexts.last == .backquote { closeSubstitution(); index += 1 } else { openSubstitution(width: 1, backquote: true) }
        case UInt8(ascii: ")"):
            index += 1
            if contexts.last == .substitution { closeSubstitution() } else { endCommand(piped: false) }
        case UInt8(ascii: "("):
            index += 1
            endCommand(piped: false)
        case UInt8(ascii: "<") where peek() == UInt8(ascii: "<") && peek(2) != UInt8(ascii: "<"):
            index += 2
            flushWord()
            if peek(0) == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            var delimiter: [UInt8] = []
            while index < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "|")].contains(bytes[index]) {
                if bytes[index] != UInt8(ascii: "'") && bytes[index] != UInt8(ascii: "\"") { delimiter.append(bytes[index]) }
                index += 1
            }
            pendingHereDocuments.append(String(decoding: delimiter, as: UTF8.self))
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            // A file descriptor number before the operator (`2>`) belongs to the redirection, not the command.
            if current.inWord, current.word.allSatisfy({ (48...57).contains($0) }) {
                current.word = []
                current.inWord = false
            }
            var width = 1
            while let next = peek(width), next == UInt8(ascii: "<") || next == UInt8(ascii: ">") { width += 1 }
            startRedirection(width: width)
        default:
            append(byte)
            index += 1
        }
    }

    /// Drops the redirection operator and its target (`> file`, `2>&1`, `&>> log`).
    private mutating func startRedirection(width: Int) {
        flushWord()
        index += width
        if peek(0) == UInt8(ascii: "&") {
            index += 1
            while let byte = peek(0), (48...57).contains(byte) || byte == UInt8(ascii: "-") { index += 1 }
            return
        }
        current.dropNextWord = true
    }

    private mutating func skipHereDocuments() {
        while let delimiter = pendingHereDocuments.first {
            pendingHereDocuments.removeFirst()
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = min(end + 1, bytes.count)
                line += 1
                if text.drop(while: { $0 == "\t" || $0 == " " }) == delimiter { break }
            }
        }
    }

    private mutating func openSubstitution(width: Int, backquote: Bool = false) {
        index += width
        outer.append((current, commands.count))
        contexts.append(backquote ? .backquote : .substitution)
        current = Partial()
        current.inSubstitution = true
        current.line = line
    }

    private mutating func closeSubstitution() {
        endCommand(piped: false)
        guard let (partial, firstCommand) = outer.popLast() else { return }
        if let context = contexts.last, context == .substitution || context == .backquote { contexts.removeLast() }
        let inner = commands[firstCommand...].compactMap(\.program)
        current = partial
        current.substituted += inner
        current.word += Array("$(…)".utf8)
        current.inWord = true
    }

    private mutating func flushWord() {
        guard current.inWord else { return }
        if current.dropNextWord {
            current.dropNextWord = false
        } else {
            current.words.append(String(decoding: current.word, as: UTF8.self))
        }
        current.word = []
        current.inWord = false
    }

    private mutating func endCommand(piped nextIsPiped: Bool) {
        flushWord()
        if !current.words.isEmpty {
            commands.append(ScriptCommand(
                words: current.words, upstreamPrograms: current.upstream, inSubstitution: current.inSubstitution,
                substitutedPrograms: current.substituted, line: current.line
            ))
        }
        let inSubstitution = current.inSubstitution
        let upstream = nextIsPiped ? current.upstream + [commands.last?.program ?? ""] : []
        current = Partial()
        current.upstream = upstream
        current.inSubstitution = inSubstitution
        current.line = line
    }
}
