/// Reads one YAML 1.2 document, as GitHub workflows use YAML, into a tree that remembers where each node is.
///
/// What it reads:
///
/// - Block mappings and sequences, including a sequence at its key's indentation (`key:` then `- item`), a
///   mapping on a sequence item's line (`- name: x`), and explicit keys (`? key` / `: value`).
/// - Flow collections (`{a: 1, b: [x, y]}`) over one or several lines, with a trailing comma allowed.
/// - Every scalar style: plain (multi-line plain scalars are folded), single-quoted, double-quoted with every
///   YAML 1.2 escape, and literal `|` and folded `>` block scalars with chomping (`-`, `+`) and indentation
///   (`|2`) indicators.
/// - Comments, anchors (`&name`) and aliases (`*name`), `---` at the start and `...` at the end of the document.
/// - The YAML 1.2 core schema: only `true`/`false` (any of three casings) are booleans, so `on`, `yes` and `no`
///   are strings, as GitHub reads them; `null`, `~` and nothing are null; integers are decimal, `0o` octal or
///   `0x` hexadecimal; floats as the schema defines them; everything else is a string.
///
/// What it refuses, each with a ``YAMLReadError`` naming the line, the column and what was expected: a second
/// document, tags (`!tag`), directives (`%YAML`), keys that are not scalars, duplicate keys, merge keys (`<<`,
/// which GitHub Actions does not merge), tabs in indentation, characters YAML does not allow, and anything over
/// the ``Limits``. A read never crashes and never returns part of a document.
///
/// ```swift
/// let document = try YAMLReader.read("jobs:\n  build:\n    runs-on: ubuntu-latest\n")
/// let runsOn = document.root["jobs"]?["build"]?["runs-on"]
/// // runsOn?.scalar?.value == .string("ubuntu-latest"), runsOn?.line == 3, runsOn?.column == 14
/// ```
public enum YAMLReader {
    /// Bounds on what a read may cost, so that a hostile file fails quickly with a clear error instead of
    /// exhausting memory, time or the stack. Every bound lives here.
    public struct Limits: Sendable, Hashable {
        /// The largest document, in UTF-8 bytes. The largest workflows Pipewright generates are a few hundred KiB.
        public var maximumDocumentBytes: Int
        /// How deeply collections may nest; each level is a frame of the reader's recursion.
        public var maximumDepth: Int
        /// How many nodes aliases may add, counting a node once for every alias that repeats it: the guard
        /// against a "billion laughs" document, whose aliases of aliases expand exponentially.
        public var maximumAliasExpansion: Int
        /// The longest explicit (`? key`) key, in UTF-8 bytes. Implicit keys are held to YAML's own 1024
        /// characters (``implicitKeyCharacterLimit``).
        public var maximumKeyBytes: Int

        /// Creates limits.
        public init(maximumDocumentBytes: Int, maximumDepth: Int, maximumAliasExpansion: Int, maximumKeyBytes: Int) {
            self.maximumDocumentBytes = maximumDocumentBytes
            self.maximumDepth = maximumDepth
            self.maximumAliasExpansion = maximumAliasExpansion
            self.maximumKeyBytes = maximumKeyBytes
        }

        /// 10 MiB, 256 levels, 100,000 nodes added by aliases, 64 KiB keys.
        public static let standard = Limits(
            maximumDocumentBytes: 10 * 1024 * 1024, maximumDepth: 256, maximumAliasExpansion: 100_000, maximumKeyBytes: 64 * 1024
        )
    }

    /// YAML 1.2 limits an implicit key (one not introduced by `?`), from its first character to the `:`, to
    /// 1024 Unicode characters; Pipewright's emitter writes longer keys as explicit keys.
    public static let implicitKeyCharacterLimit = 1024

    /// Reads `text`, which must hold at most one YAML document.
    ///
    /// - Throws: ``YAMLReadError`` at the first thing that is not valid YAML 1.2, not supported, or over `limits`.
    public static func read(_ text: String, limits: Limits = .standard) throws(YAMLReadError) -> YAMLSourceDocument {
        let byteCount = text.utf8.count
        if byteCount > limits.maximumDocumentBytes {
            throw YAMLReadError(line: 1, column: 1, message: "the document is \(byteCount) bytes; Pipewright reads at most \(limits.maximumDocumentBytes) bytes (YAMLReader.Limits.maximumDocumentBytes)")
        }
        // YAML reads CR LF and a lone CR as line breaks and means a line feed by both: normalising them first
        // keeps every rule of the reader about one kind of break. Lines and columns are unchanged by it.
        var bytes = Array(text.utf8)
        if bytes.contains(0x0D) { bytes = normalizingLineBreaks(bytes) }
        let result: Result<YAMLSourceDocument, YAMLReadError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = YAMLParser(bytes: buffer, limits: limits)
            do throws(YAMLReadError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func normalizingLineBreaks(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}

/// Why a YAML text could not be read: where, and what was expected instead.
///
/// Rendered as `3:5: expected ':' after the mapping key "runs-on"`; the command line puts the file name first.
public struct YAMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars.
    public let column: Int
    /// What is wrong and what was expected.
    public let message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
