/// A problem in a workflow model: where it is, the bad value, and what was expected.
///
/// Rendered as `path: message`, e.g.
/// `jobs.deploy-prod.needs[1]: "biuld" is not a job of this workflow; expected one of build, validate — did you mean "build"?`
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The location, in YAML path form: `jobs.deploy-prod.needs[1]`.
    public let path: String
    /// What is wrong and what is expected.
    public let message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path + ": " + message }
}

/// All the problems found in one model, reported together so one run shows every mistake.
public struct ValidationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in document order.
    public let errors: [ValidationError]
    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Suggests the closest candidate to a misspelled word, for "did you mean" hints.
package enum Suggestion {
    /// The candidate within a small edit distance of `word`, if one is close enough to be a likely typo.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, (word.count + 2) / 3))
        return best.distance <= limit ? best.candidate : nil
    }

    /// ` — did you mean "x"?` or the empty string.
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " — did you mean \"\($0)\"?" } ?? ""
    }

    /// Damerau–Levenshtein (optimal string alignment) distance, so swapped letters count once.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
