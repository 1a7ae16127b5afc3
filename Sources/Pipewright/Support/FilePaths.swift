/// Path text for the command line, without `NSString`: no file is touched.
///
/// The text helpers keep the answers the command line has always printed: runs of `/` count as one,
/// one trailing `/` is ignored, and `/` stays `/`.
///
/// ```
/// FilePaths.lastComponent(of: "/repo/.github/workflows/ci.yml")         // "ci.yml"
/// FilePaths.removingLastComponent(of: "/repo/.github/workflows/ci.yml") // "/repo/.github/workflows"
/// FilePaths.appending(".github/workflows", to: "/repo")                 // "/repo/.github/workflows"
/// ```
package enum FilePaths {
    /// The last component: `b` for `a/b/`, `/` for `/`, the text itself when it has no `/`.
    package static func lastComponent(of path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed.utf16.count <= 1 { return fixed }
        return String(fixed[startOfLastComponent(fixed)...])
    }

    /// The path without its last component: `/a` for `/a/b`, `/` for `/a` and `/`, empty for a bare name.
    package static func removingLastComponent(of path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = startOfLastComponent(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `component` under `path`, joined by one `/` unless `path` already ends with one; either may be empty.
    package static func appending(_ component: String, to path: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// Collapses runs of `/` and drops one trailing `/`; `/` alone stays.
    private static func fixingSlashes(_ path: String) -> String {
        if path == "/" { return path }
        var result = ""
        var previousWasSlash = false
        for character in path {
            let isSlash = character == "/"
            if !(isSlash && previousWasSlash) { result.append(character) }
            previousWasSlash = isSlash
        }
        if result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// Where the last component of a fixed path (no trailing `/`) starts.
    private static func startOfLastComponent(_ fixed: String) -> String.Index {
        var position = fixed.endIndex
        while position > fixed.startIndex {
            let previous = fixed.index(before: position)
            if fixed[previous] == "/" { break }
            position = previous
        }
        return position
    }
}
