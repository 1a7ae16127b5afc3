/// A unified diff of two texts, line by line, as `diff -u` prints it.
enum UnifiedDiff {
    /// The diff, or the empty string when the texts are equal.
    static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old)
        let b = lines(new)
        let script = editScript(a, b)
        var out = "--- " + oldName + "\n+++ " + newName + "\n"
        // Group edits into hunks with `context` unchanged lines around them.
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < script.count {
                if script[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            let stop = min(script.count, lastChange + context + 1)
            let hunk = script[start..<stop]
            let oldStart = hunk.first!.oldLine
            let newStart = hunk.first!.newLine
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + edit.text + "\n"
                case .delete: out += "-" + edit.text + "\n"
                case .insert: out += "+" + edit.text + "\n"
                }
            }
            index = stop
        }
        return out
    }

    struct Edit {
        enum Kind { case same, delete, insert }
        let kind: Kind
        let text: Substring
        /// Zero-based positions in the old and new texts where this edit stands.
        let oldLine: Int
        let newLine: Int
    }

    private static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// Common prefix and suffix are matched directly; the middle by longest common subsequence, or, when
    /// it is too large for that, as one block replaced by another.
    private static func editScript(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])

        var edits: [Edit] = (0..<prefix).map { Edit(kind: .same, text: a[$0], oldLine: $0, newLine: $0) }
        var i = 0, j = 0
        if middleA.count * middleB.count <= 4_000_000 {
            let n = middleA.count, m = middleB.count
            var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
            for x in stride(from: n - 1, through: 0, by: -1) {
                for y in stride(from: m - 1, through: 0, by: -1) {
                    table[x * (m + 1) + y] = middleA[x] == middleB[y]
                        ? table[(x + 1) * (m + 1) + y + 1] + 1
                        : max(table[(x + 1) * (m + 1) + y], table[x * (m + 1) + y + 1])
                }
            }
            while i < n || j < m {
                if i < n, j < m, middleA[i] == middleB[j] {
                    edits.append(Edit(kind: .same, text: middleA[i], oldLine: prefix + i, newLine: prefix + j)); i += 1; j += 1
                } else if i < n, j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                    edits.append(Edit(kind: .delete, text: middleA[i], oldLine: prefix + i, newLine: prefix + j)); i += 1
                } else {
                    edits.append(Edit(kind: .insert, text: middleB[j], oldLine: prefix + i, newLine: prefix + j)); j += 1
                }
            }
        } else {
            for line in middleA { edits.append(Edit(kind: .delete, text: line, oldLine: prefix + i, newLine: prefix)); i += 1 }
            for line in middleB { edits.append(Edit(kind: .insert, text: line, oldLine: prefix + middleA.count, newLine: prefix + j)); j += 1 }
        }
        for k in 0..<suffix {
            edits.append(Edit(kind: .same, text: a[a.count - suffix + k], oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return edits
    }
}
